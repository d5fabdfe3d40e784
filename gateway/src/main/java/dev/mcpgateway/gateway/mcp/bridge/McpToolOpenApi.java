package dev.mcpgateway.gateway.mcp.bridge;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.policy.ToolNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.util.StringUtils;

/**
 * The OpenAPI document mcpo would serve for a tenant's MCP tools: one {@code POST /<tool>} per tool, its
 * {@code inputSchema} as the JSON request body ({@code components/schemas/<tool>_form_model}, with the schema's own
 * {@code $defs} lifted next to it and every {@code $ref} following), mcpo's summary and operationId. The gateway's
 * spec rewriting then qualifies operationIds, drops denied tools and points {@code servers} at the gateway.
 */
final class McpToolOpenApi {

    /** Tool names that can be a single path segment and that the membership check accepts. */
    static final Pattern PATH_SAFE_TOOL = Pattern.compile("^[A-Za-z0-9_.-]{1,128}$");
    /** {@code /tools/<tenant>/mcp} is the tenant's MCP endpoint, never a tool call. */
    static final String RESERVED_MCP_PATH = "mcp";

    private static final String SCHEMAS_REF = "#/components/schemas/";
    private static final Pattern COMPONENT_NAME_UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private McpToolOpenApi() {
    }

    static Map<String, Object> of(Tenant tenant, List<BackendTool> tools) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (BackendTool tool : tools) {
            if (!isCallable(tool.name())) {
                continue;
            }
            paths.put("/" + tool.name(), Map.of("post", operation(tool, schemas)));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("openapi", "3.1.0");
        spec.put("info", Map.of(
                "title", tenant.displayName(),
                "description", "MCP tools of tenant " + tenant.id(),
                "version", "1.0"));
        spec.put("paths", paths);
        spec.put("components", Map.of("schemas", schemas));
        return spec;
    }

    /** Whether a tool can be called as {@code POST /tools/<tenant>/<tool>}. */
    static boolean isCallable(String toolName) {
        return PATH_SAFE_TOOL.matcher(toolName).matches() && !toolName.contains("..")
                && !toolName.equals(RESERVED_MCP_PATH) && !toolName.equals("openapi.json");
    }

    private static Map<String, Object> operation(BackendTool tool, Map<String, Object> schemas) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", tool.title() != null ? tool.title() : summary(tool.name()));
        if (tool.description() != null) {
            operation.put("description", tool.description());
        }
        operation.put("operationId", "tool_" + tool.name() + "_post");
        if (hasProperties(tool.inputSchema())) {
            String model = ToolNames.sanitize(tool.name()) + "_form_model";
            schemas.put(model, lift(tool, model, schemas));
            operation.put("requestBody", Map.of(
                    "required", true,
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", SCHEMAS_REF + model)))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "Successful Response",
                "content", Map.of("application/json", Map.of("schema", Map.of()))));
        responses.put("500", Map.of("description", "The tool failed; detail.message says why"));
        operation.put("responses", responses);
        return operation;
    }

    /** mcpo's summary is FastAPI's: the name with underscores as spaces, in title case ({@code read_file} → Read File). */
    static String summary(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean wordStart = true;
        for (char c : name.replace('_', ' ').toCharArray()) {
            out.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
            wordStart = !Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    private static boolean hasProperties(Map<String, Object> schema) {
        return schema.get("properties") instanceof Map<?, ?> properties && !properties.isEmpty();
    }

    /**
     * The input schema as a component: {@code $defs}/{@code definitions} become components of their own
     * ({@code <tool>_<name>}), references into the schema itself point at the component.
     */
    private static Object lift(BackendTool tool, String model, Map<String, Object> schemas) {
        String prefix = ToolNames.sanitize(tool.name()) + "_";
        Map<String, Object> schema = new LinkedHashMap<>(tool.inputSchema());
        schema.remove("$schema");
        for (String definitions : List.of("$defs", "definitions")) {
            if (schema.remove(definitions) instanceof Map<?, ?> defs) {
                defs.forEach((name, definition) -> schemas.put(prefix + componentName(String.valueOf(name)),
                        rewriteRefs(definition, prefix, model)));
            }
        }
        return rewriteRefs(schema, prefix, model);
    }

    private static Object rewriteRefs(Object node, String prefix, String model) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), "$ref".equals(key) && value instanceof String ref
                    ? rewriteRef(ref, prefix, model)
                    : rewriteRefs(value, prefix, model)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(rewriteRefs(item, prefix, model)));
            return copy;
        }
        return node;
    }

    private static String rewriteRef(String ref, String prefix, String model) {
        if (!ref.startsWith("#")) {
            return ref;
        }
        for (String definitions : List.of("#/$defs/", "#/definitions/")) {
            if (ref.startsWith(definitions)) {
                String rest = ref.substring(definitions.length());
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                String tail = slash < 0 ? "" : rest.substring(slash);
                return SCHEMAS_REF + prefix + componentName(pointerDecoded(name)) + tail;
            }
        }
        return SCHEMAS_REF + model + ref.substring(1);
    }

    /** OpenAPI component names are {@code [A-Za-z0-9._-]}. */
    private static String componentName(String name) {
        return COMPONENT_NAME_UNSAFE.matcher(name).replaceAll("_");
    }

    private static String pointerDecoded(String segment) {
        String decoded = segment.indexOf('%') >= 0 ? StringUtils.uriDecode(segment, StandardCharsets.UTF_8) : segment;
        return decoded.replace("~1", "/").replace("~0", "~");
    }
}
