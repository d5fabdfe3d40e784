package dev.mcpgateway.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names that tell the model which tenant a tool acts on: {@code <tenant>__<tool>}, at most 64 characters
 * of {@code [A-Za-z0-9_-]} (the limit OpenAI-style function names have). Over-long names keep a prefix and
 * end in a deterministic 8-character hash of the full name, so they stay unique and stable.
 */
public final class ToolNames {

    public static final int MAX_LENGTH = 64;
    public static final String SEPARATOR = "__";
    private static final int HASH_LENGTH = 8;

    private ToolNames() {
    }

    /** The qualified name of {@code tool} in {@code tenant}, e.g. {@code google__read_file}. */
    public static String qualified(String tenant, String tool) {
        String full = tenant + SEPARATOR + sanitize(tool);
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String hash = shortHash(tenant + SEPARATOR + tool);
        return full.substring(0, MAX_LENGTH - HASH_LENGTH - 1) + "_" + hash;
    }

    /** Replaces every character outside {@code [A-Za-z0-9_-]} with {@code _}. */
    public static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
