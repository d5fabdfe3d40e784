package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyHashesTests {

    @Test
    void storesAKeyAsTheLowerCaseHexOfItsSha256() {
        // printf abc | sha256sum
        assertThat(KeyHashes.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashesTheUtf8BytesOfTheKey() {
        // printf é | sha256sum (two UTF-8 bytes, not one Latin-1 byte)
        assertThat(KeyHashes.sha256Hex("é"))
                .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
        assertThat(KeyHashes.hex(KeyHashes.sha256("é"))).isEqualTo(KeyHashes.sha256Hex("é"));
    }
}
