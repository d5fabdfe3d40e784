package dev.mcpgateway.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way bearer keys (gateway client keys, tenant-admin API tokens) are stored and compared: the SHA-256 digest
 * of the key's UTF-8 bytes, as lower-case hex in the database. tenant-admin stores it, the gateway looks it up.
 */
public final class KeyHashes {

    private static final HexFormat HEX = HexFormat.of();
    /** A digest per thread: the gateway hashes a presented key on every call, and {@code getInstance} is not free. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(KeyHashes::newSha256);

    private KeyHashes() {
    }

    /** The SHA-256 digest of {@code key}. */
    public static byte[] sha256(String key) {
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored form of {@code key}: SHA-256, lower-case hex ({@code gateway_client.key_hash}, {@code api_token.token_hash}). */
    public static String sha256Hex(String key) {
        return HEX.formatHex(sha256(key));
    }

    /** {@code digest} as the stored lower-case hex. */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
