package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.gateway.GatewayApplication;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway (real Postgres, Spring Cloud Vault at a given address) with one {@code /tools/<tenant>/**} route per
 * tenant, each through {@code VaultCredential=<tenant>} to a {@link HeaderEchoBackend}. Settings go on the command
 * line because Spring Cloud Vault reads its address before any test property source exists.
 */
final class GatewayInFrontOfEchoBackend implements AutoCloseable {

    static final String CLIENT_KEY = "integration-client-key";

    private final HeaderEchoBackend backend;
    private final ConfigurableApplicationContext gateway;
    private final WebTestClient client;

    private GatewayInFrontOfEchoBackend(HeaderEchoBackend backend, ConfigurableApplicationContext gateway) {
        this.backend = backend;
        this.gateway = gateway;
        this.client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_KEY)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    static GatewayInFrontOfEchoBackend start(String vaultUri, String vaultToken, Duration cacheTtl, List<String> tenants) {
        HeaderEchoBackend backend = HeaderEchoBackend.start();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.cloud.vault.uri=" + vaultUri,
                "--spring.cloud.vault.token=" + vaultToken,
                "--mcpgateway.security.client-keys=" + CLIENT_KEY,
                "--mcpgateway.vault.cache-ttl=" + cacheTtl.toMillis() + "ms",
                "--mcpgateway.vault.grace-period=15m"));
        for (int i = 0; i < tenants.size(); i++) {
            String route = "--spring.cloud.gateway.server.webflux.routes[" + i + "].";
            args.add(route + "id=" + tenants.get(i));
            args.add(route + "uri=" + backend.uri());
            args.add(route + "predicates[0]=Path=/tools/" + tenants.get(i) + "/**");
            args.add(route + "filters[0]=VaultCredential=" + tenants.get(i));
            args.add(route + "filters[1]=StripPrefix=2");
        }
        try {
            return new GatewayInFrontOfEchoBackend(backend,
                    new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new)));
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** A client that sends the gateway's client key on every request. */
    WebTestClient client() {
        return client;
    }

    /** The headers the backend received (names in lower case) for {@code request}, which must succeed. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> headersReceivedFor(WebTestClient.RequestHeadersSpec<?> request) {
        Map<String, Object> echo = request.exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, List<String>>) echo.get("headers");
    }

    String prometheus() {
        return client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** {@code mcpgateway.vault.cache{result}} as Prometheus shows it. */
    double vaultCache(String result) {
        Matcher value = Pattern.compile("mcpgateway_vault_cache_total\\{result=\"" + result + "\"} (\\S+)")
                .matcher(prometheus());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
    }
}
