package dev.mcpgateway.policy;

/**
 * Where a tool's name sits in a path: the first segment after {@code /tools/<tenant>/} in a call, and the first
 * segment of a path in a backend's OpenAPI spec ({@code /read_file} → {@code read_file}). The gateway's membership
 * check, its spec rewriting and {@code /mcp} tool list, and tenant-admin's explain access all use this one rule.
 */
public final class ToolPaths {

    public static final int MAX_TOOL_LENGTH = 128;
    /** Served by the gateway itself at {@code /tools/<tenant>/openapi.json}, so never a tool. */
    public static final String SPEC_DOCUMENT = "openapi.json";

    private ToolPaths() {
    }

    /**
     * Whether {@code name} can name a tool in a path: 1-128 letters, digits, {@code _}, {@code -} or {@code .}, and
     * neither {@code .} nor anything with {@code ..}, so it can never climb out of the tenant's path on the backend.
     */
    public static boolean isToolName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_TOOL_LENGTH || name.equals(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tool a backend spec's path belongs to: its first segment, or {@code null} when the path names none a call
     * could reach (no leading {@code /}, the root, a template, the spec document, or no valid tool name).
     */
    public static String toolOfSpecPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        int end = path.indexOf('/', 1);
        String segment = end < 0 ? path.substring(1) : path.substring(1, end);
        return isToolName(segment) && !segment.equals(SPEC_DOCUMENT) ? segment : null;
    }

    /** Whether {@code path} is exactly {@code /<tool>}, the one path a call {@code POST /tools/<tenant>/<tool>} reaches. */
    public static boolean isToolsOwnPath(String path) {
        String tool = toolOfSpecPath(path);
        return tool != null && path.length() == tool.length() + 1;
    }
}
