package dev.mcpgateway.gateway.mcp.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The gateway's own MCP endpoints: {@code /mcp} and, for {@code mcp} tenants only, {@code /tools/<tenant>/mcp}.
 * Router functions are consulted before the gateway's tenant routes, so an {@code openapi} tenant's tool that happens
 * to be called {@code mcp} still reaches its backend through the HTTP path.
 */
@Configuration(proxyBeanMethods = false)
class McpServerRoutes {

    @Bean
    RouterFunction<ServerResponse> mcpServerRouter(McpRequests guard, AggregatedMcpHandler aggregated,
                                                   TenantMcpPassThroughHandler passThrough) {
        RequestPredicate mcpTenant = RequestPredicates.path("/tools/{tenant}/mcp")
                .and(request -> passThrough.serves(request.pathVariable("tenant")));
        return RouterFunctions.route()
                .POST("/mcp", aggregated::post)
                .GET("/mcp", aggregated::get)
                .DELETE("/mcp", aggregated::delete)
                .route(mcpTenant, passThrough::handle)
                .filter(guard)
                .build();
    }
}
