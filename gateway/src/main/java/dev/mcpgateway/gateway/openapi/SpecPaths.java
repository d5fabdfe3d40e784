package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.policy.ToolPaths;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How a spec's paths map to tools: by {@link ToolPaths#toolOfSpecPath}, the path's first segment
 * ({@code /read_file} → {@code read_file}), the same segment the membership check reads after {@code /tools/<tenant>/}.
 */
final class SpecPaths {

    /** The operation keys of an OpenAPI path item; anything else there (parameters, summary, servers) is not an operation. */
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private SpecPaths() {
    }

    /** The tool a path belongs to, or {@code null} when it names none a call could reach. */
    static String toolOf(String path) {
        return ToolPaths.toolOfSpecPath(path);
    }

    /** Every tool of a spec, in path order. */
    static Set<String> toolsOf(JsonNode spec) {
        Set<String> tools = new LinkedHashSet<>();
        for (String path : spec.path("paths").propertyNames()) {
            String tool = toolOf(path);
            if (tool != null) {
                tools.add(tool);
            }
        }
        return Set.copyOf(tools);
    }
}
