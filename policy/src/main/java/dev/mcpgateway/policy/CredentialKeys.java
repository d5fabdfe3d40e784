package dev.mcpgateway.policy;

import java.util.Locale;
import java.util.Set;

/**
 * The documented convention for tenant credential keys in Vault, shared by the gateway (which turns them into
 * headers) and tenant-admin (which can refuse keys and values that would never be sent):
 * {@code api_key} → {@code Authorization: Bearer <value>}; {@code header.<Name>} → {@code <Name>};
 * any other key, e.g. {@code jira_url} → {@code X-Tenant-Jira-Url}.
 */
public final class CredentialKeys {

    /** The one key that becomes a bearer token. */
    public static final String API_KEY = "api_key";
    /** Keys starting with this name their header literally. */
    public static final String EXPLICIT_PREFIX = "header.";
    /** Every other key becomes a header starting with this. */
    public static final String DERIVED_PREFIX = "X-Tenant-";

    /** Headers that frame or route the request: a credential must not be able to set them. */
    private static final Set<String> FORBIDDEN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "expect");

    private CredentialKeys() {
    }

    /** The header {@code key} maps to, or {@code null} when it maps to none ({@link #whyNoHeader(String)} says why). */
    public static String headerName(String key) {
        String name = candidateName(key);
        return name != null && isToken(name) && !FORBIDDEN.contains(name.toLowerCase(Locale.ROOT)) ? name : null;
    }

    /** Why {@code key} maps to no header, as a phrase to follow the key in a message; {@code null} when it maps to one. */
    public static String whyNoHeader(String key) {
        String name = candidateName(key);
        if (name == null || !isToken(name)) {
            return "does not make a valid header name (use api_key, header.<Header-Name>, or letters and digits "
                    + "separated by '_' or '-')";
        }
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            return "would set the " + name + " header, which credentials may not set";
        }
        return null;
    }

    /**
     * Whether {@code value} can travel as a header value: not blank, and only visible ASCII, spaces and tabs
     * (no line breaks, which could smuggle headers in).
     */
    public static boolean isSendableValue(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String candidateName(String key) {
        if (key == null) {
            return null;
        }
        if (key.equals(API_KEY)) {
            return "Authorization";
        }
        if (key.startsWith(EXPLICIT_PREFIX)) {
            return key.substring(EXPLICIT_PREFIX.length());
        }
        return derivedName(key);
    }

    /** {@code jira_url} or {@code jira-url} → {@code X-Tenant-Jira-Url}; {@code null} unless the parts are letters and digits. */
    private static String derivedName(String key) {
        StringBuilder name = new StringBuilder(DERIVED_PREFIX);
        boolean anyPart = false;
        for (String part : key.split("[_-]")) {
            if (part.isEmpty()) {
                continue;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!isAsciiLetterOrDigit(part.charAt(i))) {
                    return null;
                }
            }
            if (anyPart) {
                name.append('-');
            }
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
            anyPart = true;
        }
        return anyPart ? name.toString() : null;
    }

    /** RFC 9110 token: the characters a header name may have. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
