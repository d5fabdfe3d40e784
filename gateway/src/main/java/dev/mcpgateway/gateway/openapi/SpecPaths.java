package dev.mcpgateway.gateway.openapi;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How a spec's paths map to tools: the tool is the path's first segment ({@code /read_file} → {@code read_file}),
 * the same segment the membership check reads after {@code /tools/<tenant>/}.
 */
final class SpecPaths {

    /** The operation keys of an OpenAPI path item; anything else there (parameters, summary, servers) is not an operation. */
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Served by the gateway itself at {@code /tools/<tenant>/openapi.json}, so never a tool. */
    private static final String SPEC_DOCUMENT = "openapi.json";

    private SpecPaths() {
    }

    /** The tool a path belongs to, or {@code null} when it names none (root, templated or the spec document itself). */
    static String toolOf(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        int end = path.indexOf('/', 1);
        String segment = end < 0 ? path.substring(1) : path.substring(1, end);
        if (segment.isEmpty() || segment.contains("{") || segment.equals(SPEC_DOCUMENT)
                || segment.equals(".") || segment.equals("..")) {
            return null;
        }
        return segment;
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
