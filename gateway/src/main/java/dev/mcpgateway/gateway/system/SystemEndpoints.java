package dev.mcpgateway.gateway.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The original plan's plain endpoints, with its JSON shapes: {@code GET /health} (no authentication),
 * {@code GET /tenants} and {@code GET /tools} (the verified caller's tenants and tools). There are deliberately no
 * debug endpoints that echo headers.
 */
@Configuration(proxyBeanMethods = false)
class SystemEndpoints {

    @Bean
    RouterFunction<ServerResponse> systemRoutes(CallerCatalogHandler catalog) {
        return RouterFunctions.route()
                .GET("/health", request -> ServerResponse.ok().bodyValue(HealthResponse.HEALTHY))
                .GET("/tenants", catalog::tenants)
                .GET("/tools", catalog::tools)
                .build();
    }
}
