package dev.mcpgateway.gateway.identity;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;

/**
 * Makes the resolved {@link CallerIdentity} visible to a test backend: copies it into {@code X-Seen-*} request
 * headers after the identity filter has run, so an integration test can assert on what the gateway believed.
 */
@TestConfiguration(proxyBeanMethods = false)
class IdentityProbe {

    @Bean
    GlobalFilter identityProbe() {
        return (exchange, chain) -> {
            CallerIdentity identity = CallerIdentity.of(exchange);
            String client = CallerIdentity.clientOf(exchange);
            var request = exchange.getRequest().mutate().headers(headers -> {
                if (identity != null) {
                    headers.set("X-Seen-Email", identity.email());
                    headers.set("X-Seen-User-Id", String.valueOf(identity.userId()));
                    headers.set("X-Seen-Name", String.valueOf(identity.name()));
                    headers.set("X-Seen-Role", String.valueOf(identity.role()));
                    headers.set("X-Seen-Chat-Id", String.valueOf(identity.chatId()));
                    headers.set("X-Seen-Message-Id", String.valueOf(identity.messageId()));
                    headers.set("X-Seen-Identity-Client", String.valueOf(identity.client()));
                }
                if (client != null) {
                    headers.set("X-Seen-Client", client);
                }
            }).build();
            return chain.filter(exchange.mutate().request(request).build());
        };
    }
}
