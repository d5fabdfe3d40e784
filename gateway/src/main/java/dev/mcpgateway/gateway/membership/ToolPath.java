package dev.mcpgateway.gateway.membership;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.ToolPaths;
import java.nio.charset.StandardCharsets;
import org.springframework.util.StringUtils;

/**
 * Reads the tool from a raw request path {@code /tools/<tenant>/<tool>/...}: the first segment after the tenant,
 * percent-decoded once and held to {@link ToolPaths#isToolName}, so that an encoded {@code ..%2f} or {@code ;param}
 * can never make the backend see another tool than the one the policy decided on. Later segments may not be
 * {@code .}, {@code ..} or hide a slash or backslash either.
 */
final class ToolPath {

    private ToolPath() {
    }

    /**
     * @param rawPath    the request path, still percent-encoded
     * @param tenantPath {@code /tools/<tenant>}, which {@code rawPath} starts with
     * @return the decoded tool, or {@code null} for the tenant root ({@code /tools/<tenant>} or {@code .../})
     * @throws GatewayProblem 400 when the path is not a plain tool call
     */
    static String toolOf(String rawPath, String tenantPath, String tenant) {
        int start = tenantPath.length() + 1;
        if (!rawPath.startsWith(tenantPath) || (rawPath.length() > tenantPath.length()
                && rawPath.charAt(tenantPath.length()) != '/')) {
            throw GatewayProblem.badRequest(tenant, "the path must be /tools/" + tenant + "/<tool>");
        }
        if (rawPath.length() <= start) {
            return null;
        }
        int end = rawPath.indexOf('/', start);
        if (end < 0) {
            end = rawPath.length();
        }
        String tool = decoded(rawPath.substring(start, end), tenant);
        if (!ToolPaths.isToolName(tool)) {
            throw GatewayProblem.badRequest(tenant, "the tool name must be 1-128 letters, digits, '_', '-' or '.'"
                    + " and may not be '.' or contain '..'");
        }
        if (end < rawPath.length()) {
            checkRest(rawPath, end + 1, tenant);
        }
        return tool;
    }

    /** Segments after the tool reach the backend as they are: none may climb out or smuggle a separator. */
    private static void checkRest(String rawPath, int from, String tenant) {
        boolean suspicious = false;
        for (int i = from; i < rawPath.length() && !suspicious; i++) {
            char c = rawPath.charAt(i);
            suspicious = c == '.' || c == '%' || c == '\\';
        }
        if (!suspicious) {
            return;
        }
        int start = from;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            String segment = decoded(rawPath.substring(start, end), tenant);
            if (segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
                throw GatewayProblem.badRequest(tenant, "the path may not contain '.', '..' or encoded separators");
            }
            start = end + 1;
        }
    }

    private static String decoded(String raw, String tenant) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return StringUtils.uriDecode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.badRequest(tenant, "the path has an invalid percent-encoding");
        }
    }
}
