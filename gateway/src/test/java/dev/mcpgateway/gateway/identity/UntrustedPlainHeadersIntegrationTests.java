package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/** The default: plain {@code X-OpenWebUI-User-*} headers prove nothing, even behind a valid client key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.vault.enabled=false",
        "mcpgateway.security.client-keys=" + UntrustedPlainHeadersIntegrationTests.KEY})
class UntrustedPlainHeadersIntegrationTests extends EchoRouteIntegrationTest {

    static final String KEY = "untrusted-client-key-0123456789abcdef";

    @Test
    void ignoresPlainHeadersWithValidKeyWhenTrustIsOff() {
        Map<String, String> seen = headersSeenByBackend(client.post().uri(TOOL)
                .headers(headers -> {
                    headers.setBearerAuth(KEY);
                    headers.set("X-OpenWebUI-User-Email", "admin@company.com");
                    headers.set("X-OpenWebUI-User-Role", "admin");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}"));

        assertThat(seen).doesNotContainKey("x-seen-email")
                .containsEntry("x-seen-client", "config-key-1")
                .doesNotContainKeys("authorization", "x-openwebui-user-email", "x-openwebui-user-role");
    }
}
