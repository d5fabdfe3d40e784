package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.testing.FakeVault;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/** A {@link TenantCredentialCache} with the default settings (TTL 60 s, grace 15 min) over a real Spring Vault client. */
final class TestCredentialCaches {

    private TestCredentialCaches() {
    }

    static TenantCredentialCache over(FakeVault vault, MeterRegistry registry, Clock clock) {
        VaultTemplate template = new VaultTemplate(VaultEndpoint.from(URI.create(vault.uri())),
                new SimpleClientHttpRequestFactory(), new SimpleSessionManager(new TokenAuthentication(vault.token())));
        GatewayProperties.Vault properties = TestGatewayProperties.defaults().vault();
        return new TenantCredentialCache(new VaultCredentialSource(template, properties), properties, registry, clock);
    }
}
