package dev.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.testing.FakeMcpoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * A failed spec fetch is logged with the tool server's URL and the cause an operator can act on (DNS, connection
 * refused, TLS, HTTP status), while the caller's problem names neither: it stays free of internal addresses.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpecFetchWarningsTests {

    private BackendOpenApiSpecSource source;
    private TenantSpecCache cache;

    @BeforeEach
    void cacheWithTheRealOpenApiSource() {
        source = BackendOpenApiSpecSource.create(TestGatewayProperties.defaults().openapi(), BackendCredentials.NONE,
                JsonMapper.builder().build());
        cache = new TenantSpecCache(List.of(source), TestGatewayProperties.defaults(), new SimpleMeterRegistry());
    }

    @AfterEach
    void closeSource() {
        source.destroy();
    }

    @Test
    void namesTheUrlAndConnectionRefused(CapturedOutput output) throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        GatewayProblem problem = fail("refused", url);

        assertThat(output.getAll()).contains("Tool spec of tenant refused unavailable from " + url + ": connection refused");
        assertThat(problem.getMessage()).doesNotContain("127.0.0.1");
    }

    @Test
    void namesTheUrlAndTheDnsFailure(CapturedOutput output) {
        fail("nxdomain", "http://no-such-tool-server.invalid:8000");

        assertThat(output.getAll()).containsPattern("Tool spec of tenant nxdomain unavailable from "
                + "http://no-such-tool-server\\.invalid:8000: DNS lookup failed \\(.*no-such-tool-server\\.invalid.*\\)");
    }

    @Test
    void namesTheUrlAndTheTlsFailure(CapturedOutput output) throws Exception {
        // the usual TLS mistake: an https URL for a port that speaks plain HTTP
        try (ServerSocket plainHttp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> answerPlainHttp(plainHttp), "plain-http");
            answer.setDaemon(true);
            answer.start();
            String url = "https://127.0.0.1:" + plainHttp.getLocalPort();

            fail("tls", url);

            assertThat(output.getAll()).contains("Tool spec of tenant tls unavailable from " + url + ": TLS failed");
            answer.join(Duration.ofSeconds(10).toMillis());
        }
    }

    private static void answerPlainHttp(ServerSocket server) {
        try (Socket connection = server.accept()) {
            connection.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client gave up first; the assertion on the log says what went wrong
        }
    }

    @Test
    void namesTheUrlAndTheHttpStatusButNoUserInfo(CapturedOutput output) {
        try (FakeMcpoServer broken = FakeMcpoServer.start()) {
            broken.answerSpecWith(503);
            String url = broken.url().replace("http://", "http://user:pass-in-url@");

            fail("status", url);

            assertThat(output.getAll()).contains("Tool spec of tenant status unavailable from " + broken.url()
                    + ": answered HTTP 503").doesNotContain("pass-in-url");
        }
    }

    private GatewayProblem fail(String tenantId, String url) {
        Tenant tenant = new Tenant(tenantId, tenantId, URI.create(url), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of()));
        return catchThrowableOfType(GatewayProblem.class,
                () -> cache.backendSpec(tenant).block(Duration.ofSeconds(30)));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
