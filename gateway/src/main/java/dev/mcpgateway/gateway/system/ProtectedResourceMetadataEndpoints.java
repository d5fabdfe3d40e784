package dev.mcpgateway.gateway.system;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.ProtectedResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * RFC 9728 metadata for the gateway ({@code /.well-known/oauth-protected-resource}), {@code /mcp} and each
 * {@code /tools/<tenant>/mcp}: public, and only while IdP tokens are accepted (404 otherwise).
 */
@Configuration(proxyBeanMethods = false)
class ProtectedResourceMetadataEndpoints {

    private static final String TENANT_PATTERN = "{tenant:[a-z0-9][a-z0-9-]{0,62}}";

    @Bean
    RouterFunction<ServerResponse> protectedResourceMetadataRoutes(ProtectedResources resources) {
        String base = ProtectedResources.METADATA_PATH;
        return RouterFunctions.route()
                .GET(base, request -> metadata(resources, request, ""))
                .GET(base + "/mcp", request -> metadata(resources, request, "/mcp"))
                .GET(base + "/tools/" + TENANT_PATTERN + "/mcp",
                        request -> metadata(resources, request, "/tools/" + request.pathVariable("tenant") + "/mcp"))
                .build();
    }

    private static Mono<ServerResponse> metadata(ProtectedResources resources, ServerRequest request, String resourcePath) {
        if (!resources.enabled()) {
            return Mono.error(GatewayProblem.notFound(null, "this gateway accepts no OAuth access tokens "
                    + "(mcpgateway.identity.oidc.issuer-uri is not set)"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", resources.resource(request.exchange(), resourcePath));
        body.put("authorization_servers", resources.authorizationServers());
        body.put("bearer_methods_supported", List.of("header"));
        if (!resources.scopes().isEmpty()) {
            body.put("scopes_supported", resources.scopes());
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
