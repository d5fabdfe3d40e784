package dev.mcpgateway.admin.system;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (gateway client keys, API tokens). They are stored only as
 * {@link dev.mcpgateway.policy.KeyHashes#sha256Hex}, the form the gateway looks a presented key up by; the key itself is
 * shown once and never kept.
 */
public final class SecretTokens {

    /** Characters kept in clear so an admin can recognise a key; 8 of 43+ random characters. */
    public static final int PREFIX_LENGTH = 8;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** A new key: {@code prefix} followed by 32 random bytes in unpadded base64url. */
    public static String generate(String prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String prefixOf(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }
}
