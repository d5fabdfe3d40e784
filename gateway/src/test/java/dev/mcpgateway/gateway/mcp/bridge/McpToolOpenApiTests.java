package dev.mcpgateway.gateway.mcp.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpToolOpenApiTests {

    private static final Tenant TENANT = new Tenant("acme", "Acme", URI.create("http://127.0.0.1:1/mcp"), BackendType.MCP,
            true, false, new TenantPolicy(AccessLevel.READ, List.of()));

    @Test
    void describesEachToolAsOnePostWithItsInputSchemaAsBody() {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path"),
                "$schema", "http://json-schema.org/draft-07/schema#");
        BackendTool tool = new BackendTool("read_file", null, "Reads a file", schema, null, Map.of("readOnlyHint", true));

        Map<String, Object> spec = McpToolOpenApi.of(TENANT, List.of(tool));

        Map<String, Object> post = at(spec, "paths", "/read_file", "post");
        assertThat(post).containsEntry("operationId", "tool_read_file_post")
                .containsEntry("summary", "Read File")
                .containsEntry("description", "Reads a file");
        assertThat(at(post, "requestBody", "content", "application/json", "schema"))
                .isEqualTo(Map.of("$ref", "#/components/schemas/read_file_form_model"));
        assertThat(at(spec, "components", "schemas", "read_file_form_model")).isEqualTo(Map.of("type", "object",
                "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path")));
    }

    @Test
    void liftsSchemaDefinitionsIntoComponentsAndFollowsReferences() {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of(
                        "where", Map.of("$ref", "#/$defs/Place"),
                        "again", Map.of("$ref", "#/properties/where")),
                "$defs", Map.of("Place", Map.of("type", "object",
                        "properties", Map.of("next", Map.of("$ref", "#/$defs/Place")))));

        Map<String, Object> spec = McpToolOpenApi.of(TENANT,
                List.of(new BackendTool("go", null, null, schema, null, null)));

        Map<String, Object> schemas = at(spec, "components", "schemas");
        assertThat(at(schemas, "go_form_model", "properties", "where"))
                .isEqualTo(Map.of("$ref", "#/components/schemas/go_Place"));
        assertThat(at(schemas, "go_form_model", "properties", "again"))
                .isEqualTo(Map.of("$ref", "#/components/schemas/go_form_model/properties/where"));
        assertThat(at(schemas, "go_Place", "properties", "next"))
                .isEqualTo(Map.of("$ref", "#/components/schemas/go_Place"));
        assertThat(at(schemas, "go_form_model")).doesNotContainKey("$defs");
    }

    @Test
    void leavesOutTheBodyOfToolsWithoutArgumentsAsMcpoDoes() {
        Map<String, Object> spec = McpToolOpenApi.of(TENANT,
                List.of(new BackendTool("now", "Current time", null, Map.of("type", "object"), null, null)));

        Map<String, Object> post = at(spec, "paths", "/now", "post");
        assertThat(post).doesNotContainKey("requestBody").containsEntry("summary", "Current time");
    }

    @Test
    void leavesOutToolsThatCannotBeCalledAsAPathSegment() {
        Map<String, Object> spec = McpToolOpenApi.of(TENANT, List.of(
                new BackendTool("a/b", null, null, null, null, null),
                new BackendTool("mcp", null, null, null, null, null),
                new BackendTool("ok-tool.v2", null, null, null, null, null)));

        assertThat(at(spec, "paths")).containsOnlyKeys("/ok-tool.v2");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }
}
