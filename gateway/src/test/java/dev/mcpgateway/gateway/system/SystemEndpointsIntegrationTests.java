package dev.mcpgateway.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class SystemEndpointsIntegrationTests extends GatewayIntegrationTest {

    @Test
    void answersHealthWithoutAuthentication() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"status\":\"healthy\",\"service\":\"mcp-tenant-gateway\"}", true);
    }

    @Test
    void listsOnlyTheCallersOwnTenants() {
        client.get().uri("/tenants").header(EMAIL_HEADER, "john@company.com").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"user": "john@company.com", "identified_by": "plain",
                         "tenants": [{"tenant_id": "google", "display_name": "Google", "enabled": true},
                                     {"tenant_id": "microsoft", "display_name": "Microsoft", "enabled": true}]}""", true);
    }

    @Test
    void showsDisabledTenantsOfTheCallerAsDisabled() {
        JsonNode body = getJson("/tenants", "sarah@google.com");

        assertThat(body.path("tenants")).hasSize(2);
        assertThat(body.at("/tenants/0/tenant_id").stringValue()).isEqualTo("archived");
        assertThat(body.at("/tenants/0/enabled").booleanValue()).isFalse();
    }

    @Test
    void refusesTenantsAndToolsWithoutAVerifiedIdentity() {
        for (String path : List.of("/tenants", "/tools")) {
            client.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        }
    }

    @Test
    void refusesTenantsAndSpecsWithoutAClientKey() {
        for (String path : List.of("/tenants", "/tools", "/openapi.json", "/tools/google/openapi.json")) {
            withoutClientKey.get().uri(path).header(EMAIL_HEADER, "john@company.com")
                    .exchange()
                    .expectStatus().isUnauthorized();
        }
    }

    @Test
    void listsOnlyTheToolsTheCallersLevelAllows() {
        JsonNode body = getJson("/tools", "reader@google.com");

        assertThat(body.path("user").stringValue()).isEqualTo("reader@google.com");
        assertThat(body.path("tenant_count").intValue()).isEqualTo(1);
        assertThat(body.path("tool_count").intValue()).isEqualTo(2);
        assertThat(names(body)).containsExactly("google__read_file", "google__list_allowed_directories");
        JsonNode readFile = body.at("/tools/0");
        assertThat(readFile.path("original_name").stringValue()).isEqualTo("read_file");
        assertThat(readFile.path("tenant_id").stringValue()).isEqualTo("google");
        assertThat(readFile.path("tenant_name").stringValue()).isEqualTo("Google");
        assertThat(readFile.path("path").stringValue()).isEqualTo("/tools/google/read_file");
        assertThat(readFile.path("method").stringValue()).isEqualTo("POST");
        assertThat(readFile.path("description").stringValue()).startsWith("Read the complete contents of a file");
    }

    @Test
    void listsToolsAcrossTenantsWithoutDeniedOnesAndSkipsTenantsWhoseBackendIsDown() {
        JsonNode john = getJson("/tools", "john@company.com");
        assertThat(john.path("tenant_count").intValue()).isEqualTo(2);
        assertThat(names(john)).containsExactly(
                "google__read_file", "google__write_file", "google__edit_file", "google__list_allowed_directories",
                "microsoft__read_file", "microsoft__write_file", "microsoft__edit_file", "microsoft__list_allowed_directories");

        JsonNode admin = getJson("/tools", "admin@company.com");
        assertThat(admin.path("tenant_count").intValue()).isEqualTo(3);
        assertThat(names(admin)).hasSize(9).contains("google__move_file").doesNotContain("microsoft__move_file")
                .noneMatch(name -> name.startsWith("company-c__"));
    }

    private JsonNode getJson(String path, String user) {
        return client.get().uri(path).header(EMAIL_HEADER, user).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(tool -> names.add(tool.path("name").stringValue()));
        return names;
    }
}
