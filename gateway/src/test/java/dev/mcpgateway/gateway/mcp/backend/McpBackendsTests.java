package dev.mcpgateway.gateway.mcp.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRequirement;
import dev.mcpgateway.policy.ToolRule;
import dev.mcpgateway.testing.InTestMcpServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class McpBackendsTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, Object> NO_ARGS = Map.of("type", "object", "properties", Map.of());

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private InTestMcpServer backend;
    private McpBackends backends;

    @BeforeEach
    void startBackend() {
        backend = InTestMcpServer.start()
                .tool("read_file", "Reads a file", NO_ARGS, true, args -> InTestMcpServer.text("contents"))
                .tool("write_file", "Writes a file", NO_ARGS, false, args -> InTestMcpServer.text("written"))
                .tool("plain", "No annotations", NO_ARGS, null, args -> InTestMcpServer.text("plain"));
    }

    @AfterEach
    void stop() {
        if (backends != null) {
            backends.destroy();
        }
        backend.close();
    }

    @Test
    void listsToolsOnceAndServesThemFromCacheWithinTheTtl() {
        backends = backends(Map.of());
        Tenant tenant = tenant(false, List.of());

        List<BackendTool> first = backends.tools(tenant).block(WAIT);
        List<BackendTool> second = backends.tools(tenant).block(WAIT);

        assertThat(first).extracting(BackendTool::name).containsExactly("plain", "read_file", "write_file");
        assertThat(second).isEqualTo(first);
        assertThat(backend.toolsListCount()).isEqualTo(1);
        assertThat(backend.initializeCount()).isEqualTo(1);
        assertThat(first.get(1).inputSchema()).isEqualTo(NO_ARGS);
        assertThat(first.get(1).annotations()).containsEntry("readOnlyHint", true);
    }

    @Test
    void refreshesToolsWhenTheBackendReportsListChanged() {
        backends = backends(Map.of());
        Tenant tenant = tenant(false, List.of());
        backends.tools(tenant).block(WAIT);
        await().atMost(WAIT).until(() -> backend.openStreams() == 1);

        backend.tool("new_tool", "Added later", NO_ARGS, true, args -> InTestMcpServer.text("new"));
        backend.notifyToolsChanged();

        await().atMost(WAIT).untilAsserted(() -> assertThat(backends.tools(tenant).block(WAIT))
                .extracting(BackendTool::name).contains("new_tool"));
        assertThat(events).contains(new BackendToolsChanged("acme"));
    }

    @Test
    void refreshesToolsWhenTheTtlHasPassed() {
        backends = backends(Map.of("mcpgateway.mcp.backend.tools-ttl", "100ms",
                "mcpgateway.mcp.backend.listen-for-changes", "false"));
        Tenant tenant = tenant(false, List.of());
        backends.tools(tenant).block(WAIT);

        backend.tool("new_tool", "Added later", NO_ARGS, true, args -> InTestMcpServer.text("new"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(backends.tools(tenant).block(WAIT))
                .extracting(BackendTool::name).contains("new_tool"));
        assertThat(backend.openStreams()).isZero();
    }

    @Test
    void collectsEveryPageOfTheToolList() {
        backend.pageSize(1);
        backends = backends(Map.of());

        assertThat(backends.tools(tenant(false, List.of())).block(WAIT)).hasSize(3);
        assertThat(backend.toolsListCount()).isEqualTo(3);
    }

    @Test
    void initializesANewSessionWhenTheBackendForgetsIt() {
        backends = backends(Map.of("mcpgateway.mcp.backend.listen-for-changes", "false"));
        Tenant tenant = tenant(false, List.of());
        backends.call(tenant, "read_file", Map.of()).block(WAIT);

        backend.forgetSessions();
        BackendCallResult result = backends.call(tenant, "read_file", Map.of()).block(WAIT);

        assertThat(result.content()).containsExactly(Map.of("type", "text", "text", "contents"));
        assertThat(backend.initializeCount()).isEqualTo(2);
    }

    @Test
    void initializesANewSessionWhenTheBackendAnswersAnUnknownSessionWith400() {
        backend.unknownSessionStatus(400);
        backends = backends(Map.of("mcpgateway.mcp.backend.listen-for-changes", "false"));
        Tenant tenant = tenant(false, List.of());
        backends.call(tenant, "read_file", Map.of()).block(WAIT);

        backend.forgetSessions();
        BackendCallResult result = backends.call(tenant, "write_file", Map.of()).block(WAIT);

        assertThat(result.content()).containsExactly(Map.of("type", "text", "text", "written"));
        assertThat(backend.initializeCount()).isEqualTo(2);
    }

    @Test
    void refreshesToolsWhenTheBackendRestartsAndForgetsTheSession() {
        backends = backends(Map.of("mcpgateway.mcp.backend.reconnect-delay", "50ms"));
        Tenant tenant = tenant(false, List.of());
        backends.tools(tenant).block(WAIT);
        await().atMost(WAIT).until(() -> backend.openStreams() == 1);

        backend.tool("new_tool", "Added by the restart", NO_ARGS, true, args -> InTestMcpServer.text("new"));
        backend.forgetSessions();

        await().atMost(WAIT).untilAsserted(() -> assertThat(backends.tools(tenant).block(WAIT))
                .extracting(BackendTool::name).contains("new_tool"));
        assertThat(backend.initializeCount()).isEqualTo(2);
    }

    @Test
    void initializesOnceForConcurrentFirstCalls() {
        backends = backends(Map.of("mcpgateway.mcp.backend.listen-for-changes", "false"));
        Tenant tenant = tenant(false, List.of());

        List<BackendCallResult> results = Flux.range(0, 8)
                .flatMap(i -> backends.call(tenant, "read_file", Map.of()))
                .collectList().block(WAIT);

        assertThat(results).hasSize(8);
        assertThat(backend.initializeCount()).isEqualTo(1);
    }

    @Test
    void sendsTheTenantsCredentialHeadersOnEveryRequest() {
        HttpHeaders secret = new HttpHeaders();
        secret.set("Authorization", "Bearer tenant-secret");
        secret.set("X-Tenant-Region", "eu");
        backends = new McpBackends(properties(Map.of()), tenantId -> Mono.just(secret), events::add, new TenantDirectory());
        Tenant tenant = tenant(false, List.of());

        backends.tools(tenant).block(WAIT);
        backends.call(tenant, "read_file", Map.of()).block(WAIT);
        await().atMost(WAIT).until(() -> backend.openStreams() == 1);

        assertThat(backend.requestHeaders()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(headers -> {
            assertThat(headers.get("authorization")).containsExactly("Bearer tenant-secret");
            assertThat(headers.get("x-tenant-region")).containsExactly("eu");
        });
    }

    @Test
    void sendsSessionAndProtocolVersionHeadersAfterInitialize() {
        backends = backends(Map.of("mcpgateway.mcp.backend.listen-for-changes", "false"));
        backends.tools(tenant(false, List.of())).block(WAIT);

        List<Map<String, List<String>>> requests = backend.requestHeaders();
        // First the era probe (server/discover, which this 2025-era backend refuses), then initialize.
        assertThat(requests.get(0).get("mcp-method")).containsExactly("server/discover");
        assertThat(requests.get(1)).doesNotContainKeys("mcp-session-id", "mcp-protocol-version");
        assertThat(requests.subList(2, requests.size())).isNotEmpty().allSatisfy(headers -> {
            assertThat(headers).containsKey("mcp-session-id");
            assertThat(headers.get("mcp-protocol-version")).containsExactly("2025-06-18");
        });
    }

    @Test
    void speaksProtocolRevision20250326WithoutTheVersionHeader() {
        backends = backends(Map.of("mcpgateway.mcp.backend.protocol-version", "2025-03-26",
                "mcpgateway.mcp.backend.listen-for-changes", "false"));

        assertThat(backends.tools(tenant(false, List.of())).block(WAIT)).hasSize(3);
        List<Map<String, List<String>>> requests = backend.requestHeaders();
        assertThat(requests.get(0).get("mcp-method")).containsExactly("server/discover");
        assertThat(requests.subList(1, requests.size())).isNotEmpty().allSatisfy(headers ->
                assertThat(headers).doesNotContainKey("mcp-protocol-version"));
    }

    @Test
    void readsResponsesFromSseStreams() {
        backend.answerWithSse(true);
        backends = backends(Map.of());

        BackendCallResult result = backends.call(tenant(false, List.of()), "write_file", Map.of()).block(WAIT);

        assertThat(result.content()).containsExactly(Map.of("type", "text", "text", "written"));
    }

    @Test
    void mapsToolFailuresAndStructuredContent() {
        backend.tool("fails", "Fails", NO_ARGS, true, args -> InTestMcpServer.error("disk full"));
        backend.tool("adds", "Adds", NO_ARGS, true, args -> Map.of(
                "content", List.of(Map.of("type", "text", "text", "{\"sum\":3}")),
                "structuredContent", Map.of("sum", 3)));
        backends = backends(Map.of());
        Tenant tenant = tenant(false, List.of());

        BackendCallResult failed = backends.call(tenant, "fails", Map.of()).block(WAIT);
        BackendCallResult added = backends.call(tenant, "adds", Map.of("a", 1, "b", 2)).block(WAIT);

        assertThat(failed.isError()).isTrue();
        assertThat(failed.content()).containsExactly(Map.of("type", "text", "text", "disk full"));
        assertThat(added.isError()).isFalse();
        assertThat(added.structuredContent()).isEqualTo(Map.of("sum", 3));
    }

    @Test
    void reportsJsonRpcErrorsOfTheBackend() {
        backends = backends(Map.of());

        assertThatThrownBy(() -> backends.call(tenant(false, List.of()), "no_such_tool", Map.of()).block(WAIT))
                .isInstanceOfSatisfying(BackendRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.getMessage()).contains("no_such_tool");
                });
    }

    @Test
    void reportsABackendThatIsDownAsUnavailable() {
        backends = backends(Map.of());
        Tenant tenant = tenant(false, List.of());
        backend.close();

        assertThatThrownBy(() -> backends.tools(tenant).block(WAIT))
                .isInstanceOfSatisfying(GatewayProblem.class, e -> assertThat(e.status().value()).isEqualTo(503));
    }

    @Test
    void derivesLevelsFromAnnotationsWhenTheTenantAsksForIt() {
        backends = backends(Map.of());
        Tenant tenant = tenant(true, List.of(new ToolRule("plain", RuleLevel.READ)));

        assertThat(backends.requirementFor(tenant, "read_file").block(WAIT).level()).isEqualTo(RuleLevel.READ);
        assertThat(backends.requirementFor(tenant, "write_file").block(WAIT).level()).isEqualTo(RuleLevel.WRITE);
        assertThat(backends.requirementFor(tenant, "plain").block(WAIT).source()).isEqualTo("rule 'plain'");
        assertThat(backends.requirementFor(tenant, "unknown").block(WAIT))
                .isEqualTo(new ToolRequirement(RuleLevel.WRITE, "tool annotations unknown: the backend does not list it"));
    }

    @Test
    void requiresWriteWhenTheToolListCannotBeHadUnlessARuleDecides() {
        backends = backends(Map.of());
        Tenant tenant = tenant(true, List.of(new ToolRule("plain", RuleLevel.READ)));
        backend.close();

        assertThat(backends.requirementFor(tenant, "read_file").block(WAIT)).isEqualTo(new ToolRequirement(
                RuleLevel.WRITE, "tool annotations unknown: the backend's tool list is unavailable"));
        assertThat(backends.requirementFor(tenant, "plain").block(WAIT).level()).isEqualTo(RuleLevel.READ);
    }

    @Test
    void usesTheTenantDefaultWhenTheTenantIgnoresAnnotations() {
        backends = backends(Map.of());
        Tenant tenant = tenant(false, List.of());

        assertThat(backends.requirementFor(tenant, "write_file").block(WAIT).level()).isEqualTo(RuleLevel.READ);
        assertThat(backend.toolsListCount()).isZero();
    }

    @Test
    void endsTheSessionWhenShutDown() {
        backends = backends(Map.of());
        backends.tools(tenant(false, List.of())).block(WAIT);

        backends.destroy();
        backends = null;

        assertThat(backend.deleteCount()).isEqualTo(1);
    }

    private McpBackends backends(Map<String, String> settings) {
        return new McpBackends(properties(settings), BackendCredentials.NONE, events::add, new TenantDirectory());
    }

    private Tenant tenant(boolean fromAnnotations, List<ToolRule> rules) {
        return new Tenant("acme", "Acme", URI.create(backend.endpoint()), BackendType.MCP, true, fromAnnotations,
                new TenantPolicy(AccessLevel.READ, rules));
    }

    private static GatewayProperties properties(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("mcpgateway.mcp.backend.request-timeout", "5s");
        return TestGatewayProperties.bind(all);
    }
}
