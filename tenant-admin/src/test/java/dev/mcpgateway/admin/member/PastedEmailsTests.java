package dev.mcpgateway.admin.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PastedEmailsTests {

    @Test
    void splitsPastedListsOnCommasSemicolonsSpacesAndNewLines() {
        assertThat(PastedEmails.split(" Ada@Acme.io, grace@acme.io;linus@acme.io\n\nada@acme.io  bob@x.y "))
                .containsExactly("ada@acme.io", "grace@acme.io", "linus@acme.io", "bob@x.y");
        assertThat(PastedEmails.split("  \n ")).isEmpty();
        assertThat(PastedEmails.split(null)).isEmpty();
    }
}
