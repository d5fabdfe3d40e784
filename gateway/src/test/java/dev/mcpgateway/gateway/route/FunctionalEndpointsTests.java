package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

class FunctionalEndpointsTests {

    private static final HandlerFunction<ServerResponse> OK = request -> ServerResponse.ok().build();

    @Test
    void offersOnlyPathsThatFitAnEndpointsPattern() {
        Predicate<PathContainer> paths = FunctionalEndpoints.pathsOf(RouterFunctions.route()
                .GET("/tools/{tenant}/openapi.json", OK)
                .route(RequestPredicates.path("/tools/{tenant}/mcp").and(request -> false), OK)
                .POST("/mcp", OK)
                .filter((request, next) -> next.handle(request))
                .build());

        assertThat(paths.test(path("/tools/google/openapi.json"))).isTrue();
        assertThat(paths.test(path("/tools/google/mcp"))).isTrue();
        assertThat(paths.test(path("/mcp"))).isTrue();
        assertThat(paths.test(path("/tools/google/read_file"))).isFalse();
        assertThat(paths.test(path("/tools/google/mcp/extra"))).isFalse();
    }

    @Test
    void offersEveryPathWhenARouteCouldAnswerAnyPath() {
        assertThat(anyPath(RouterFunctions.route(RequestPredicates.method(org.springframework.http.HttpMethod.GET), OK)))
                .as("no path predicate").isTrue();
        assertThat(anyPath(RouterFunctions.route(RequestPredicates.path("/a").or(RequestPredicates.headers(h -> true)), OK)))
                .as("a path or anything else").isTrue();
        assertThat(anyPath(RouterFunctions.route(RequestPredicates.path("/a").negate(), OK)))
                .as("anything but a path").isTrue();
        assertThat(anyPath(RouterFunctions.route().nest(RequestPredicates.path("/tools"),
                builder -> builder.GET("/{tenant}/x", OK)).build()))
                .as("nested: relative paths").isTrue();
        assertThat(anyPath(RouterFunctions.route(RequestPredicates.path("/a"), OK))).isFalse();
    }

    private static boolean anyPath(RouterFunction<?> routerFunction) {
        return FunctionalEndpoints.pathsOf(routerFunction).test(path("/tools/google/read_file"));
    }

    private static PathContainer path(String value) {
        return PathContainer.parsePath(value);
    }
}
