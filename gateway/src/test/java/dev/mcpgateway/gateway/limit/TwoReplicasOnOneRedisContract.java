package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import dev.mcpgateway.gateway.mcp.server.GatewayInstance;
import dev.mcpgateway.gateway.mcp.server.McpTestClient;
import dev.mcpgateway.gateway.mcp.server.TenancyRows;
import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.InTestMcpServer;
import dev.mcpgateway.testing.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway replicas on one real Redis ({@code store=redis}) and one database: the limits hold across replicas on
 * the HTTP path, on {@code /mcp} and on the pass-through, and calls keep flowing while Redis is down (fail open).
 * Each subclass brings the Redis: Debian's {@code redis-server}, or a container where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoReplicasOnOneRedisContract {

    private static final int RATE = 10;
    private static final int BURST = 10;
    private static final Duration FLOOD = Duration.ofSeconds(3);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RedisUnderTest redis;
    private static FakeMcpoServer googleBackend;
    private static InTestMcpServer mcpBackend;
    private static GatewayInstance replicaA;
    private static GatewayInstance replicaB;
    private static TenancyRows rows;

    /** A Redis server that can be stopped and started again on the same address. */
    interface RedisUnderTest extends AutoCloseable {

        String url();

        void stop();

        void start();

        @Override
        void close();
    }

    /** Starts the Redis both replicas share. */
    abstract RedisUnderTest startRedis();

    @BeforeAll
    void start() {
        redis = startRedis();
        googleBackend = FakeMcpoServer.start();
        mcpBackend = InTestMcpServer.start()
                .tool("echo", "Echoes", Map.of("type", "object"), true, args -> InTestMcpServer.text("echo"));
        String database = TestPostgres.freshDatabaseUrl();
        Map<String, String> settings = Map.of(
                "mcpgateway.rate-limit.store", "redis",
                "spring.data.redis.url", redis.url(),
                "mcpgateway.audit.flush-interval", "100ms");
        replicaA = GatewayInstance.start(database, settings);
        rows = new TenancyRows(database)
                .tenant("google", "Google", googleBackend.url(), "openapi", false)
                .tenant("tools", "Tools", mcpBackend.endpoint(), "mcp", false);
        for (String email : List.of("flood@company.com", "calm@company.com", "outage@company.com", "warmup@company.com")) {
            rows.member("google", email, "write");
        }
        for (String email : List.of("aggregated@company.com", "passthrough@company.com", "bridge@company.com")) {
            rows.member("tools", email, "write");
        }
        rows.sql().update("UPDATE tenant SET rate_limit_per_user_rps = ?, rate_limit_per_user_burst = ?"
                + " WHERE id = 'google'", RATE, BURST);
        rows.sql().update("UPDATE tenant SET rate_limit_per_user_rps = 1, rate_limit_per_user_burst = 1"
                + " WHERE id = 'tools'");
        replicaB = GatewayInstance.start(database, settings);
        for (GatewayInstance replica : List.of(replicaA, replicaB)) {
            TenancyRows.awaitMembership(replica, "passthrough@company.com", "tools");
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.bean(ToolCallLimits.class)
                    .limitsOf(replica.bean(dev.mcpgateway.gateway.directory.TenantDirectory.class).current()
                            .tenant("google").orElseThrow()).perUser().requestsPerSecond() == RATE);
        }
    }

    @AfterAll
    void stop() {
        replicaA.close();
        replicaB.close();
        googleBackend.close();
        mcpBackend.close();
        redis.close();
    }

    @Test
    void holdsAPersonFloodingThroughBothReplicasToTheRateWhileAnotherPersonGetsEveryCall() throws Exception {
        Map<Integer, AtomicInteger> floodStatuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<HttpResponse<String>> refusals = new ConcurrentLinkedQueue<>();
        List<Integer> calmStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService flooders = Executors.newFixedThreadPool(6);
        ScheduledExecutorService calm = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger calls = new AtomicInteger();
        // A cold replica's first calls are slow (connections, script load, JIT): a full bucket would refill in vain.
        for (int i = 0; i < 10; i++) {
            assertThat(call(replica(i), "warmup@company.com").statusCode()).isEqualTo(200);
        }

        long started = System.nanoTime();
        long deadline = started + FLOOD.toNanos();
        // The well-behaved person: 4 calls a second, alternating replicas, during the whole flood.
        calm.scheduleAtFixedRate(() -> calmStatuses.add(call(replica(calls.incrementAndGet()), "calm@company.com")
                .statusCode()), 0, 250, TimeUnit.MILLISECONDS);
        List<Future<?>> floods = new ArrayList<>();
        for (int thread = 0; thread < 6; thread++) {
            floods.add(flooders.submit(() -> {
                int i = 0;
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> response = call(replica(i++), "flood@company.com");
                    floodStatuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.statusCode() == 429 && refusals.size() < 5) {
                        refusals.add(response);
                    }
                }
            }));
        }
        for (Future<?> flood : floods) {
            flood.get(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        calm.shutdown();
        calm.awaitTermination(30, TimeUnit.SECONDS);
        flooders.shutdown();

        int allowed = floodStatuses.getOrDefault(200, new AtomicInteger()).get();
        double expected = BURST + RATE * seconds;
        assertThat(floodStatuses.keySet()).containsOnly(200, 429);
        assertThat(floodStatuses.get(429).get()).as("the flood outran the bucket").isPositive();
        assertThat((double) allowed).as("calls let through in %.2f s", seconds)
                .isBetween(expected * 0.9, expected * 1.1);
        assertThat(calmStatuses).hasSizeGreaterThanOrEqualTo(10).containsOnly(200);

        HttpResponse<String> refused = refusals.peek();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"per-user\";q=10;w=1");
        assertThat(refused.headers().firstValue("RateLimit")).hasValue("\"per-user\";r=0;t=1");
        assertThat(refused.body()).contains("\"tenant\":\"google\"")
                .contains("rate limit for google reached (10 calls/s per person); retry in 1 s");
        assertThat(rateLimited(replicaA, "google", "user") + rateLimited(replicaB, "google", "user"))
                .isGreaterThanOrEqualTo(floodStatuses.get(429).get());
        assertThat(replicaA.bean(MeterRegistry.class).find("mcpgateway.requests")
                .tags("tenant", "google", "outcome", "rate_limited").timer()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.sql().queryForObject(
                "SELECT count(*) FROM audit_event WHERE user_email = 'flood@company.com' AND status = 429"
                        + " AND decision = 'deny' AND outcome = 'rate_limited' AND identified_by = 'openwebui-jwt'"
                        + " AND reason LIKE 'rate_limited: rate limit for google reached%'",
                Integer.class) > 0);
    }

    @Test
    void letsCallsThroughWhileRedisIsDownAndLimitsAgainOnceItIsBack() {
        double errorsBefore = storeErrors(replicaA) + storeErrors(replicaB);
        redis.stop();
        try {
            for (int i = 0; i < BURST * 3; i++) {
                assertThat(call(replica(i), "outage@company.com").statusCode()).as("call %d", i).isEqualTo(200);
            }
            assertThat(storeErrors(replicaA) + storeErrors(replicaB)).isGreaterThanOrEqualTo(errorsBefore + BURST * 3);
        } finally {
            redis.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < BURST * 2; i++) {
                if (call(replica(i), "outage@company.com").statusCode() == 429) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void answersALimitedToolsCallOnMcpWithAToolErrorTheModelCanActOn() {
        McpTestClient client = new McpTestClient(replicaA.baseUrl(), "/mcp", "aggregated@company.com");
        client.initialize();

        JsonNode limited = firstToolError(client, "tools__echo");

        assertThat(limited.path("result").path("content").get(0).path("text").asString())
                .isEqualTo("rate limit for tools reached (1 call/s per person); retry in 1 s");
        awaitRateLimitedRow("aggregated@company.com", "echo");
        assertThat(client.to(replicaB.baseUrl()).listTools().path("result").path("tools").size())
                .as("tools/list is not a tool call").isEqualTo(1);
    }

    @Test
    void answersALimitedToolsCallOnThePassThroughWithAToolError() {
        McpTestClient client = new McpTestClient(replicaB.baseUrl(), "/tools/tools/mcp", "passthrough@company.com");
        client.initialize();

        JsonNode limited = firstToolError(client, "echo");

        assertThat(limited.path("result").path("content").get(0).path("text").asString())
                .isEqualTo("rate limit for tools reached (1 call/s per person); retry in 1 s");
        awaitRateLimitedRow("passthrough@company.com", "echo");
        assertThat(client.to(replicaA.baseUrl()).listTools().path("result").path("tools").size())
                .as("tools/list is not a tool call").isEqualTo(1);
    }

    @Test
    void refusesTheMcpoBridgeBeyondTheRateLikeAnyHttpToolCall() {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            HttpResponse<String> response = call(replica(i), "bridge@company.com", "/tools/tools/echo");
            assertThat(response.statusCode()).isIn(200, 429);
            refused = response.statusCode() == 429 ? response : null;
        }

        assertThat(refused).as("10 quick calls through a bucket of 1 call/s").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("rate limit for tools reached (1 call/s per person); retry in 1 s");
    }

    /** The limited call is in the audit as a deny with outcome rate_limited and the proof that identified the caller. */
    private static void awaitRateLimitedRow(String email, String tool) {
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.sql().queryForObject(
                "SELECT count(*) FROM audit_event WHERE user_email = ? AND tenant_id = 'tools' AND tool = ?"
                        + " AND decision = 'deny' AND outcome = 'rate_limited' AND identified_by = 'openwebui-jwt'",
                Integer.class, email, tool) > 0);
    }

    /** Calls until one answer is a tool error (at most 10 calls: a 1/s bucket cannot let 10 quick calls through). */
    private static JsonNode firstToolError(McpTestClient client, String tool) {
        for (int i = 0; i < 10; i++) {
            JsonNode answer = client.callTool(tool, Map.of());
            assertThat(answer.has("error")).as("answer %s", answer).isFalse();
            if (answer.path("result").path("isError").asBoolean(false)) {
                return answer;
            }
        }
        throw new AssertionError("10 calls in a row were let through a bucket of 1 call/s");
    }

    private static GatewayInstance replica(int i) {
        return i % 2 == 0 ? replicaA : replicaB;
    }

    private static HttpResponse<String> call(GatewayInstance replica, String email) {
        return call(replica, email, "/tools/google/read_file");
    }

    private static HttpResponse<String> call(GatewayInstance replica, String email, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(email))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double rateLimited(GatewayInstance replica, String tenant, String scope) {
        var counter = replica.bean(MeterRegistry.class).find(RateLimitMetrics.RATE_LIMITED)
                .tags("tenant", tenant, "scope", scope).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double storeErrors(GatewayInstance replica) {
        return replica.bean(MeterRegistry.class).get(RateLimitMetrics.STORE_ERRORS).counter().count();
    }
}
