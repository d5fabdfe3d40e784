package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.gateway.GatewayApplication;
import dev.mcpgateway.gateway.support.HeaderEchoBackend;
import dev.mcpgateway.gateway.support.ManagementPort;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway (real Postgres, Spring Cloud Vault at a given address) with the given tenants from a bootstrap
 * file, all served by one {@link HeaderEchoBackend}: calls take the real tenant route (identity, membership,
 * {@code VaultCredential}, prefix stripped). Settings go on the command line because Spring Cloud Vault reads its
 * address before any test property source exists.
 */
final class GatewayInFrontOfEchoBackend implements AutoCloseable {

    static final String CLIENT_KEY = "integration-client-key";
    /** A write member of every tenant; the client sends it as the trusted {@code X-OpenWebUI-User-Email}. */
    static final String MEMBER = "member@example.com";

    private final HeaderEchoBackend backend;
    private final ConfigurableApplicationContext gateway;
    private final WebTestClient client;

    private GatewayInFrontOfEchoBackend(HeaderEchoBackend backend, ConfigurableApplicationContext gateway) {
        this.backend = backend;
        this.gateway = gateway;
        this.client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_KEY)
                .defaultHeader("X-OpenWebUI-User-Email", MEMBER)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    static GatewayInFrontOfEchoBackend start(String vaultUri, String vaultToken, Duration cacheTtl, List<String> tenants) {
        HeaderEchoBackend backend = HeaderEchoBackend.start();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.cloud.vault.uri=" + vaultUri,
                "--spring.cloud.vault.token=" + vaultToken,
                "--mcpgateway.security.client-keys=" + CLIENT_KEY,
                "--mcpgateway.vault.cache-ttl=" + cacheTtl.toMillis() + "ms",
                "--mcpgateway.vault.grace-period=15m",
                "--mcpgateway.identity.trust-plain-headers=true",
                "--mcpgateway.bootstrap.file=" + bootstrapFile(backend, tenants)));
        try {
            return new GatewayInFrontOfEchoBackend(backend,
                    new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new)));
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Every tenant at {@code backend}, with {@link #MEMBER} as a write member, as the bootstrap file declares them. */
    private static Path bootstrapFile(HeaderEchoBackend backend, List<String> tenants) {
        StringBuilder yaml = new StringBuilder("tenants:\n");
        for (String tenant : tenants) {
            yaml.append("  - id: ").append(tenant).append('\n')
                    .append("    displayName: ").append(tenant).append('\n')
                    .append("    backendUrl: ").append(backend.url()).append('\n')
                    .append("    members:\n")
                    .append("      - { email: ").append(MEMBER).append(", accessLevel: write }\n");
        }
        try {
            Path file = Files.createTempFile("credential-tenants", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that sends the gateway's client key and {@link #MEMBER} as the user on every request. */
    WebTestClient client() {
        return client;
    }

    /** The headers the backend received (names in lower case) for {@code request}, which must succeed. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> headersReceivedFor(WebTestClient.RequestHeadersSpec<?> request) {
        return (Map<String, List<String>>) echoOf(request).get("headers");
    }

    /** The path the backend received for {@code request}, which must succeed. */
    static String pathReceivedFor(WebTestClient.RequestHeadersSpec<?> request) {
        return (String) echoOf(request).get("path");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> echoOf(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The management port: actuator health groups and prometheus. */
    WebTestClient management() {
        return ManagementPort.client(gateway.getEnvironment());
    }

    String prometheus() {
        return management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** {@code mcpgateway.vault.cache{result}} as Prometheus shows it. */
    double vaultCache(String result) {
        Matcher value = Pattern.compile("mcpgateway_vault_cache_total\\{result=\"" + result + "\"} (\\S+)")
                .matcher(prometheus());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    /** The header filters Spring Cloud Gateway's routing filter applies to every forwarded request, in order. */
    List<HttpHeadersFilter> forwardingHeaderFilters() {
        return gateway.getBean(NettyRoutingFilter.class).getHeadersFilters();
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
    }
}
