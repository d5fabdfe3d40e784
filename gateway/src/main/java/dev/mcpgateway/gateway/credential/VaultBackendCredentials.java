package dev.mcpgateway.gateway.credential;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Gives MCP backend sessions the same Vault credentials, from the same cache, as the {@code VaultCredential} filter. */
@Component
class VaultBackendCredentials implements BackendCredentials {

    private final TenantCredentialCache credentials;

    VaultBackendCredentials(TenantCredentialCache credentials) {
        this.credentials = credentials;
    }

    @Override
    public Mono<HttpHeaders> headersFor(String tenantId) {
        return credentials.headersFor(tenantId).map(VaultBackendCredentials::asHttpHeaders);
    }

    private static HttpHeaders asHttpHeaders(TenantHeaders tenantHeaders) {
        if (tenantHeaders.isEmpty()) {
            return HttpHeaders.EMPTY;
        }
        HttpHeaders headers = new HttpHeaders();
        tenantHeaders.applyTo(headers);
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
