package dev.mcpgateway.gateway.mcp.backend;

import dev.mcpgateway.policy.AccessLevel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tool as a tenant's MCP backend lists it in {@code tools/list}, unchanged: its own (unqualified) name, the
 * JSON Schema of its arguments and its annotations. Maps hold plain JSON values (maps, lists, strings, numbers,
 * booleans) so they can be written back out as they came.
 *
 * @param name         the backend's tool name, e.g. {@code read_file}
 * @param title        the human-readable title, or {@code null}
 * @param description  the description, or {@code null}
 * @param inputSchema  the JSON Schema of the arguments (an {@code object} schema; never {@code null})
 * @param outputSchema the JSON Schema of {@code structuredContent}, or {@code null}
 * @param annotations  the tool annotations ({@code readOnlyHint}, {@code destructiveHint}, ...), empty when none
 */
public record BackendTool(String name, String title, String description, Map<String, Object> inputSchema,
                          Map<String, Object> outputSchema, Map<String, Object> annotations) {

    public BackendTool {
        inputSchema = inputSchema == null ? Map.of("type", "object") : inputSchema;
        annotations = annotations == null ? Map.of() : annotations;
    }

    /** True only when the backend says so: MCP defines {@code readOnlyHint} as false when absent. */
    public boolean readOnly() {
        return Boolean.TRUE.equals(annotations.get("readOnlyHint"));
    }

    /**
     * The level this tool's annotations suggest: {@code read} for {@code readOnlyHint: true}, otherwise
     * {@code write}. Used only for tenants with {@code toolLevelsFromAnnotations}; explicit tool rules still win
     * (see {@link McpBackends#requirementFor(dev.mcpgateway.gateway.directory.Tenant, BackendTool)}).
     */
    public AccessLevel annotationLevel() {
        return readOnly() ? AccessLevel.READ : AccessLevel.WRITE;
    }

    /** The tool as MCP writes it in {@code tools/list}, e.g. to pass on to the gateway's own MCP clients. */
    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        if (title != null) {
            json.put("title", title);
        }
        if (description != null) {
            json.put("description", description);
        }
        json.put("inputSchema", inputSchema);
        if (outputSchema != null) {
            json.put("outputSchema", outputSchema);
        }
        if (!annotations.isEmpty()) {
            json.put("annotations", annotations);
        }
        return json;
    }
}
