package dev.mcpgateway.gateway.identity;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The paths that need a client key and may carry identity: {@code /tools/**}, {@code /tenants}, {@code /openapi.json},
 * {@code /mcp/**}. Decided on the first decoded path segment, the way routes match, so that {@code /%74ools/...},
 * {@code //tools/...} or {@code /TOOLS;x/...} can never slip past as unprotected.
 */
final class ProtectedPaths {

    private static final String[] FIRST_SEGMENTS = {"tools", "tenants", "openapi.json", "mcp"};

    private ProtectedPaths() {
    }

    static boolean isProtected(RequestPath path) {
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch();
                if (value.isEmpty() || value.equals(".")) {
                    continue;
                }
                if (value.equals("..")) {
                    return true; // nothing legitimate starts by climbing; treat it as protected
                }
                for (String protectedSegment : FIRST_SEGMENTS) {
                    if (protectedSegment.equalsIgnoreCase(value)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
