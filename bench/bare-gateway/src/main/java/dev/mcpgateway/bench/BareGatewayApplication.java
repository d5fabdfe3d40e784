package dev.mcpgateway.bench;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * The framework's floor for bench/run.sh: Spring Cloud Gateway with {@code bench.tenants} generated routes
 * {@code /tools/bench-t<i>/**} → the bench backend, StripPrefix=2 and nothing of ours (no identity, membership,
 * limits, credentials, audit or metrics).
 */
@SpringBootApplication
public class BareGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayApplication.class, args);
    }

    @Bean
    RouteLocator tenantRoutes(RouteLocatorBuilder builder, @Value("${bench.tenants:10}") int tenants,
            @Value("${bench.backend-url}") String backendUrl) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (int i = 0; i < tenants; i++) {
            String tenant = "bench-t" + i;
            routes.route(tenant, r -> r.path("/tools/" + tenant + "/**")
                    .filters(f -> f.stripPrefix(2))
                    .uri(backendUrl));
        }
        return routes.build();
    }
}
