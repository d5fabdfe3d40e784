package dev.mcpgateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

class ToolCallAuditIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void auditsAnAllowedCallWithCallerTenantToolStatusAndLatency() {
        String chat = unique("chat");

        call("/tools/google/read_file", "john@company.com", chat)
                .expectStatus().isOk().expectBody().jsonPath("$.tool").isEqualTo("read_file");

        Map<String, Object> row = awaitAuditRow(chat);
        assertThat(row).containsEntry("kind", "call").containsEntry("tenant_id", "google").containsEntry("tool", "read_file")
                .containsEntry("decision", "allow").containsEntry("status", 200)
                .containsEntry("user_email", "john@company.com").containsEntry("user_id", "id-john@company.com")
                .containsEntry("message_id", "message-1").containsEntry("client", "config-key-1")
                .containsEntry("identified_by", "plain").containsEntry("outcome", null);
        assertThat((String) row.get("reason")).startsWith("allowed: write access satisfies read");
        assertThat((Integer) row.get("latency_ms")).isNotNull().isGreaterThanOrEqualTo(0);
    }

    @Test
    void auditsADenialWithTheReason() {
        String chat = unique("chat");

        call("/tools/google/write_file", "reader@google.com", chat).expectStatus().isForbidden();

        Map<String, Object> row = awaitAuditRow(chat);
        assertThat(row).containsEntry("decision", "deny").containsEntry("status", 403).containsEntry("tenant_id", "google")
                .containsEntry("tool", "write_file").containsEntry("user_email", "reader@google.com");
        assertThat((String) row.get("reason")).isEqualTo("requires write access, you have read (rule 'write_file')");
    }

    @Test
    void auditsCallsToUnknownTenants() {
        String unknownTenant = unique("nope");
        String chat = unique("chat");

        call("/tools/" + unknownTenant + "/read_file", "john@company.com", chat).expectStatus().isNotFound();

        assertThat(awaitAuditRow(chat)).containsEntry("decision", "deny").containsEntry("status", 404)
                .containsEntry("tenant_id", unknownTenant).containsEntry("tool", "read_file");
    }

    @Test
    void auditsCallsRefusedForWantOfAClientKey() {
        String tool = unique("tool");

        withoutClientKey.post().uri("/tools/google/" + tool).exchange().expectStatus().isUnauthorized();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT decision, status, tenant_id, user_email, client, identified_by FROM audit_event WHERE tool = ?", tool))
                .hasSize(1).first().satisfies(row -> assertThat(row).containsEntry("decision", "deny")
                        .containsEntry("status", 401).containsEntry("tenant_id", "google")
                        .containsEntry("user_email", null).containsEntry("client", null)
                        .containsEntry("identified_by", null)));
    }

    @Test
    void answersAndAuditsAnUnreachableToolServerAsServiceUnavailable() {
        String chat = unique("chat");

        call("/tools/company-c/read_file", "alice@companyc.com", chat).expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.tenant").isEqualTo("company-c")
                .jsonPath("$.detail").isEqualTo("the tenant's tool server is unreachable");

        Map<String, Object> row = awaitAuditRow(chat);
        assertThat(row).containsEntry("decision", "error").containsEntry("status", 503)
                .containsEntry("tenant_id", "company-c").containsEntry("tool", "read_file");
    }

    @Test
    void auditsTheClientOfACallThatProvedNoUser() {
        String tool = unique("tool");

        client.post().uri("/tools/google/" + tool).exchange().expectStatus().isUnauthorized();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT decision, status, user_email, client FROM audit_event WHERE tool = ?", tool))
                .hasSize(1).first().satisfies(row -> assertThat(row).containsEntry("decision", "deny")
                        .containsEntry("status", 401).containsEntry("user_email", null)
                        .containsEntry("client", "config-key-1")));
    }

    @Test
    void doesNotAuditSpecFetches() {
        int before = jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE tool = 'openapi.json'", Integer.class);
        String chat = unique("chat");

        client.get().uri("/tools/google/openapi.json").exchange().expectStatus().isOk();
        call("/tools/google/read_file", "john@company.com", chat).expectStatus().isOk();

        awaitAuditRow(chat);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE tool = 'openapi.json'", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void measuresToolCallsOnceNotAlsoAsGenericServerRequests() {
        client.get().uri("/tenants").header(EMAIL_HEADER, "john@company.com").exchange().expectStatus().isOk();
        double tenantsBefore = serverRequests(uri -> uri.equals("/tenants"));
        double restBefore = serverRequests(uri -> !uri.equals("/tenants") && !uri.equals("/actuator/prometheus"));

        call("/tools/google/read_file", "john@company.com", unique("chat")).expectStatus().isOk();
        client.get().uri("/tenants").header(EMAIL_HEADER, "john@company.com").exchange().expectStatus().isOk();

        assertThat(serverRequests(uri -> uri.equals("/tenants"))).as("other endpoints are still observed")
                .isGreaterThan(tenantsBefore);
        assertThat(serverRequests(uri -> !uri.equals("/tenants") && !uri.equals("/actuator/prometheus")))
                .as("http_server_requests of everything but /tenants and the scrapes").isEqualTo(restBefore);
    }

    /** The sum of the http_server_requests counts whose {@code uri} tag matches. */
    private double serverRequests(Predicate<String> uri) {
        String metrics = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Pattern uriTag = Pattern.compile("uri=\"([^\"]*)\"");
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> {
                    Matcher tag = uriTag.matcher(line);
                    return tag.find() && uri.test(tag.group(1));
                })
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void exposesRequestMetricsByTenantToolAndOutcomeWithBoundedToolNames() {
        client.get().uri("/tools/google/openapi.json").exchange().expectStatus().isOk();
        call("/tools/google/read_file", "john@company.com", "chat").expectStatus().isOk();
        call("/tools/google/move_file", "reader@google.com", "chat").expectStatus().isForbidden();
        // the backend answers 404 for a tool it does not have; the call was allowed, its name is not a tag
        call("/tools/google/" + unique("made-up-tool"), "john@company.com", "chat").expectStatus().isNotFound();

        String metrics = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .containsPattern("mcpgateway_requests_seconds_bucket\\{outcome=\"allowed\",tenant=\"google\",tool=\"read_file\",le=\"0.005\"} [0-9]")
                .containsPattern("mcpgateway_requests_seconds_count\\{outcome=\"denied\",tenant=\"google\",tool=\"move_file\"} [1-9]")
                .containsPattern("mcpgateway_requests_seconds_count\\{outcome=\"allowed\",tenant=\"google\",tool=\"other\"} [1-9]")
                .containsPattern("mcpgateway_denials_total\\{reason=\"level_too_low\",tenant=\"google\"} [1-9]")
                .contains("mcpgateway_audit_dropped_total")
                .doesNotContain("made-up-tool");
    }

    @Test
    void exposesLivenessAndReadinessGroups() {
        for (String group : List.of("liveness", "readiness")) {
            management.get().uri("/actuator/health/" + group).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    private WebTestClient.ResponseSpec call(String path, String user, String chatId) {
        return client.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header(EMAIL_HEADER, user)
                .header("X-OpenWebUI-User-Id", "id-" + user)
                .header("X-OpenWebUI-Chat-Id", chatId)
                .header("X-OpenWebUI-Message-Id", "message-1")
                .bodyValue("{\"path\":\"/tmp/a\"}")
                .exchange();
    }

    private Map<String, Object> awaitAuditRow(String chatId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForList("SELECT * FROM audit_event WHERE chat_id = ?", chatId), rows -> rows.size() == 1)
                .get(0);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
