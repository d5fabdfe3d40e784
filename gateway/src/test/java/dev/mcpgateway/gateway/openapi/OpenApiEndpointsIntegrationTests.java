package dev.mcpgateway.gateway.openapi;

import static dev.mcpgateway.gateway.openapi.SpecAssertions.assertEveryReferenceResolves;
import static dev.mcpgateway.gateway.openapi.SpecAssertions.operationIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class OpenApiEndpointsIntegrationTests extends GatewayIntegrationTest {

    @Test
    void servesTheTenantsSpecWithQualifiedOperationIdsRelativeToTheConnectionUrl() {
        JsonNode spec = getJson("/tools/google/openapi.json", 200);

        assertThat(operationIds(spec)).containsExactly("google__read_file", "google__write_file", "google__edit_file",
                "google__move_file", "google__list_allowed_directories");
        assertThat(spec.at("/servers/0/url").stringValue()).isEqualTo("/tools/google");
        assertThat(spec.path("paths").has("/read_file")).isTrue();
        assertThat(spec.at("/info/title").stringValue()).isEqualTo("Google");
        assertEveryReferenceResolves(spec);
    }

    @Test
    void leavesOutToolsThatARuleDenies() {
        JsonNode spec = getJson("/tools/microsoft/openapi.json", 200);

        assertThat(spec.path("paths").has("/move_file")).isFalse();
        assertThat(operationIds(spec)).hasSize(4).doesNotContain("microsoft__move_file");
    }

    @Test
    void reusesTheBackendsSpecWithinTheCacheTtl() {
        getJson("/tools/google/openapi.json", 200);
        int fetchesBefore = GOOGLE_BACKEND.specFetches();

        getJson("/tools/google/openapi.json", 200);
        getJson("/tools/google/openapi.json", 200);

        assertThat(GOOGLE_BACKEND.specFetches()).isEqualTo(fetchesBefore);
    }

    @Test
    void answersNotFoundForUnknownAndDisabledTenants() {
        assertThat(getProblem("/tools/nope/openapi.json", 404).at("/detail").stringValue())
                .isEqualTo("tenant 'nope' does not exist or is disabled");
        assertThat(getProblem("/tools/archived/openapi.json", 404).at("/tenant").stringValue()).isEqualTo("archived");
    }

    @Test
    void answersServiceUnavailableWhenTheBackendIsDown() {
        JsonNode problem = getProblem("/tools/company-c/openapi.json", 503);

        assertThat(problem.at("/tenant").stringValue()).isEqualTo("company-c");
        assertThat(problem.at("/detail").stringValue()).isEqualTo("the tenant's tool server is unreachable");
    }

    @Test
    void answersBadGatewayWhenTheBackendFailsItsSpec() {
        JsonNode problem = getProblem("/tools/broken/openapi.json", 502);

        assertThat(problem.at("/detail").stringValue()).isEqualTo("the tenant's tool server answered 500 for its tool list");
    }

    @Test
    void aggregatesEveryEnabledTenantAndLeavesOutTenantsWhoseBackendIsDown() {
        JsonNode spec = getJson("/openapi.json", 200);

        assertThat(spec.path("paths").propertyNames())
                .contains("/tools/google/read_file", "/tools/microsoft/read_file", "/tools/google/move_file")
                .doesNotContain("/tools/microsoft/move_file")
                .noneMatch(path -> path.startsWith("/tools/company-c/") || path.startsWith("/tools/broken/")
                        || path.startsWith("/tools/archived/"));
        assertThat(operationIds(spec)).hasSize(9).doesNotHaveDuplicates();
        assertEveryReferenceResolves(spec);

        String metrics = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("mcpgateway_openapi_fetch_failures_total\\{[^}]*tenant=\"company-c\"[^}]*} [1-9]");
    }

    private JsonNode getJson(String path, int status) {
        return client.get().uri(path).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode getProblem(String path, int status) {
        return client.get().uri(path).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
