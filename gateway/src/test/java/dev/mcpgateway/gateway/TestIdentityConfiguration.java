package dev.mcpgateway.gateway;

import dev.mcpgateway.gateway.identity.CallerIdentity;
import java.util.Locale;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * Test-only stand-in for the identity resolver: takes the caller's email from {@code X-Test-User}. Lets the
 * directory and membership tests run before (and independently of) the signed-identity work.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestIdentityConfiguration {

    public static final String HEADER = "X-Test-User";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter testIdentityFilter() {
        return (exchange, chain) -> {
            String email = exchange.getRequest().getHeaders().getFirst(HEADER);
            if (email != null) {
                exchange.getAttributes().put(CallerIdentity.ATTRIBUTE,
                        new CallerIdentity(email.toLowerCase(Locale.ROOT), null, null, null, null, null, "test"));
            }
            return chain.filter(exchange);
        };
    }
}
