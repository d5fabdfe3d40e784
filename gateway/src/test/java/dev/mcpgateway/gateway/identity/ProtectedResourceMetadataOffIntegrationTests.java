package dev.mcpgateway.gateway.identity;

import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Without {@code mcpgateway.identity.oidc.issuer-uri} there is no OAuth metadata, and challenges stay bare. */
class ProtectedResourceMetadataOffIntegrationTests extends GatewayIntegrationTest {

    @Test
    void theMetadataIsNotFoundWhileNoIdpIsConfigured() {
        for (String path : new String[] {"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-protected-resource/tools/google/mcp"}) {
            withoutClientKey.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void anUnauthenticatedMcpRequestGetsABareBearerChallengeWhileNoIdpIsConfigured() {
        withoutClientKey.post().uri("/mcp").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
