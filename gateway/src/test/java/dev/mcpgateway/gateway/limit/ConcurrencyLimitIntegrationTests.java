package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import dev.mcpgateway.gateway.mcp.server.GatewayInstance;
import dev.mcpgateway.gateway.mcp.server.TenancyRows;
import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tool server that hangs, behind a tenant with {@code maxConcurrentCalls: 8} (memory store, one replica): the
 * bulkhead lets 8 calls reach it, answers every other call at once with 503 and {@code Retry-After}, leaves other
 * tenants alone, and frees every place once the hung calls end.
 */
class ConcurrencyLimitIntegrationTests {

    private static final int MAX_CONCURRENT = 8;
    private static final int CALLERS = 200;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();

    private static final AtomicInteger arrived = new AtomicInteger();
    private static final CountDownLatch release = new CountDownLatch(1);
    private static HttpServer hungBackend;
    private static ExecutorService hungThreads;
    private static FakeMcpoServer healthyBackend;
    private static GatewayInstance gateway;
    private static TenancyRows rows;

    @BeforeAll
    static void start() throws IOException {
        hungThreads = Executors.newCachedThreadPool();
        hungBackend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hungBackend.setExecutor(hungThreads);
        hungBackend.createContext("/", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                arrived.incrementAndGet();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        hungBackend.start();
        healthyBackend = FakeMcpoServer.start();

        String database = TestPostgres.freshDatabaseUrl();
        gateway = GatewayInstance.start(database, Map.of());
        rows = new TenancyRows(database)
                .tenant("hung", "Hung", "http://127.0.0.1:" + hungBackend.getAddress().getPort(), "openapi", false)
                .tenant("healthy", "Healthy", healthyBackend.url(), "openapi", false)
                .member("hung", "caller@company.com", "write")
                .member("healthy", "caller@company.com", "write");
        rows.sql().update("UPDATE tenant SET max_concurrent_calls = ? WHERE id = 'hung'", MAX_CONCURRENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.bean(ToolCallLimits.class)
                .limitsOf(gateway.bean(dev.mcpgateway.gateway.directory.TenantDirectory.class).current().tenant("hung")
                        .orElseThrow()).maxConcurrentCalls() == MAX_CONCURRENT);
        TenancyRows.awaitMembership(gateway, "caller@company.com", "healthy");
    }

    @AfterAll
    static void stop() {
        release.countDown();
        gateway.close();
        hungBackend.stop(0);
        hungThreads.shutdownNow();
        healthyBackend.close();
    }

    @Test
    void letsOnlyMaxConcurrentCallsReachAHungToolServerAndRefusesTheRestAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            calls.add(HTTP.sendAsync(call("hung"), HttpResponse.BodyHandlers.ofString()));
        }

        // Every refusal arrives while the admitted calls still hang: nothing waits behind the hung server.
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.stream().filter(CompletableFuture::isDone).count()
                == CALLERS - MAX_CONCURRENT);
        List<HttpResponse<String>> refused = calls.stream().filter(CompletableFuture::isDone)
                .map(CompletableFuture::join).toList();
        assertThat(arrived.get()).isEqualTo(MAX_CONCURRENT);
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("too many calls in flight to the tool server of hung (at most 8 at once)");
        });
        assertThat(gateway.bean(ToolCallLimits.class).inFlight("hung")).isEqualTo(MAX_CONCURRENT);
        assertThat(gateway.bean(MeterRegistry.class).get(RateLimitMetrics.IN_FLIGHT).tags("tenant", "hung").gauge()
                .value()).isEqualTo(MAX_CONCURRENT);
        assertThat(gateway.bean(MeterRegistry.class).get(RateLimitMetrics.RATE_LIMITED)
                .tags("tenant", "hung", "scope", "concurrency").counter().count()).isEqualTo(CALLERS - MAX_CONCURRENT);

        await().atMost(Duration.ofSeconds(30)).until(() -> rows.sql().queryForObject(
                "SELECT count(*) FROM audit_event WHERE tenant_id = 'hung' AND status = 503 AND decision = 'deny'"
                        + " AND outcome = 'rate_limited' AND identified_by = 'openwebui-jwt'"
                        + " AND reason LIKE 'rate_limited: too many calls in flight%'", Integer.class),
                count -> count == CALLERS - MAX_CONCURRENT);

        HttpResponse<String> otherTenant = HTTP.send(call("healthy"), HttpResponse.BodyHandlers.ofString());
        assertThat(otherTenant.statusCode()).isEqualTo(200);

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
        }
        assertThat(calls.stream().filter(call -> call.join().statusCode() == 200).count()).isEqualTo(MAX_CONCURRENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.bean(ToolCallLimits.class).inFlight("hung") == 0);
    }

    private static HttpRequest call(String tenant) {
        String tool = "hung".equals(tenant) ? "slow_tool" : "read_file";
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/tools/" + tenant + "/" + tool))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("caller@company.com"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }
}
