package dev.mcpgateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

class ToolCallAuditIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void auditsAnAllowedCallWithCallerTenantToolStatusAndLatency() {
        String user = unique("john") + "@company.com";
        // a member of google at write level, known only to this test
        directory.replace(withMember(user));

        call("/tools/google/read_file", user).expectStatus().isOk().expectBody().jsonPath("$.tool").isEqualTo("read_file");

        Map<String, Object> row = awaitAuditRow(user);
        assertThat(row).containsEntry("kind", "call").containsEntry("tenant_id", "google").containsEntry("tool", "read_file")
                .containsEntry("decision", "allow").containsEntry("status", 200)
                .containsEntry("user_id", "id-" + user).containsEntry("chat_id", "chat-1")
                .containsEntry("message_id", "message-1").containsEntry("client", "config-key-1");
        assertThat((String) row.get("reason")).startsWith("allowed: write access satisfies read");
        assertThat((Integer) row.get("latency_ms")).isNotNull().isGreaterThanOrEqualTo(0);
    }

    @Test
    void auditsADenialWithTheReason() {
        call("/tools/google/write_file", "reader@google.com").expectStatus().isForbidden();

        Map<String, Object> row = awaitAuditRow("reader@google.com", "write_file");
        assertThat(row).containsEntry("decision", "deny").containsEntry("status", 403).containsEntry("tenant_id", "google");
        assertThat((String) row.get("reason")).isEqualTo("requires write access, you have read (rule 'write_file')");
    }

    @Test
    void auditsCallsWithoutIdentityAndToUnknownTenants() {
        String unknownTenant = unique("nope");
        call("/tools/" + unknownTenant + "/read_file", null).expectStatus().isNotFound();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT decision, status, reason FROM audit_event WHERE tenant_id = ?", unknownTenant))
                .containsExactly(Map.of("decision", "deny", "status", 404, "reason", "no such tenant or path")));
    }

    @Test
    void auditsCallsRefusedForWantOfAClientKey() {
        String tool = unique("tool");
        withoutClientKey.post().uri("/tools/google/" + tool)
                .exchange().expectStatus().isUnauthorized();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT decision, status, tenant_id, user_email, client FROM audit_event WHERE tool = ?", tool))
                .hasSize(1).first().satisfies(row -> assertThat(row).containsEntry("decision", "deny")
                        .containsEntry("status", 401).containsEntry("tenant_id", "google")
                        .containsEntry("user_email", null).containsEntry("client", null)));
    }

    @Test
    void doesNotAuditSpecFetches() {
        int before = jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE tool = 'openapi.json'", Integer.class);

        client.get().uri("/tools/google/openapi.json").exchange().expectStatus().isOk();
        call("/tools/google/read_file", "john@company.com").expectStatus().isOk();

        awaitAuditRow("john@company.com", "read_file");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE tool = 'openapi.json'", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void exposesRequestMetricsByTenantToolAndOutcomeWithBoundedToolNames() {
        client.get().uri("/tools/google/openapi.json").exchange().expectStatus().isOk();
        call("/tools/google/read_file", "john@company.com").expectStatus().isOk();
        call("/tools/google/move_file", "reader@google.com").expectStatus().isForbidden();
        // the backend answers 404 for a tool it does not have; the call was allowed, its name is not a tag
        call("/tools/google/" + unique("made-up-tool"), "john@company.com").expectStatus().isNotFound();

        String metrics = client.get().uri("/actuator/prometheus").exchange()
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
            client.get().uri("/actuator/health/" + group).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec call(String path, String user) {
        var request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"path\":\"/tmp/a\"}");
        if (user != null) {
            request = request.header(EMAIL_HEADER, user)
                    .header("X-OpenWebUI-User-Id", "id-" + user)
                    .header("X-OpenWebUI-Chat-Id", "chat-1")
                    .header("X-OpenWebUI-Message-Id", "message-1");
        }
        return request.exchange();
    }

    private Map<String, Object> awaitAuditRow(String user) {
        return awaitAuditRow(user, null);
    }

    private Map<String, Object> awaitAuditRow(String user, String tool) {
        String sql = "SELECT * FROM audit_event WHERE user_email = ?" + (tool == null ? "" : " AND tool = ?")
                + " ORDER BY id DESC LIMIT 1";
        Object[] args = tool == null ? new Object[] {user} : new Object[] {user, tool};
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForList(sql, args), rows -> !rows.isEmpty())
                .get(0);
    }

    private dev.mcpgateway.gateway.tenant.TenancySnapshot withMember(String email) {
        var current = directory.current();
        var memberships = new java.util.HashMap<>(current.memberships());
        memberships.put(email, Map.of("google", dev.mcpgateway.policy.AccessLevel.WRITE));
        return new dev.mcpgateway.gateway.tenant.TenancySnapshot(current.tenants(), Map.copyOf(memberships), current.clientKeys());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
