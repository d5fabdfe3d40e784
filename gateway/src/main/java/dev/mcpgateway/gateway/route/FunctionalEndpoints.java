package dev.mcpgateway.gateway.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The gateway's functional endpoints ({@code /mcp}, {@code /openapi.json}, {@code /tools/{tenant}/openapi.json},
 * {@code /tools/{tenant}/mcp}, ...), as the tenant route mapping sees them: it runs before their
 * {@link RouterFunctionMapping} (so a tool call is not first tested against every endpoint's predicates) and leaves
 * them every request they would answer. Their path patterns are read once from the router functions themselves; only
 * a request whose path fits one of them is offered to their mapping, which decides with everything else it checks
 * (method, the tenant's backend type). A route without a plain path predicate (none, nested, or in an or/negation)
 * could answer any path, so then every request is offered.
 */
final class FunctionalEndpoints {

    private final Supplier<RouterFunctionMapping> mapping;
    private volatile Predicate<PathContainer> paths;

    FunctionalEndpoints(Supplier<RouterFunctionMapping> mapping) {
        this.mapping = mapping;
    }

    /** False when no endpoint can answer this request's path: the common case, decided without their mapping. */
    boolean mayServe(ServerWebExchange exchange) {
        return paths().test(exchange.getRequest().getPath().pathWithinApplication());
    }

    /**
     * Whether one of the endpoints answers this request (their mapping has a handler for it). Asked on a copy of the
     * exchange's attributes: matching leaves the path variables and pattern there, and their mapping, asked again
     * for real right after, would combine its pattern with the one left behind.
     */
    Mono<Boolean> serve(ServerWebExchange exchange) {
        Map<String, Object> attributes = new ConcurrentHashMap<>(exchange.getAttributes());
        ServerWebExchange trial = new ServerWebExchangeDecorator(exchange) {
            @Override
            public Map<String, Object> getAttributes() {
                return attributes;
            }
        };
        return mapping.get().getHandler(trial).hasElement();
    }

    private Predicate<PathContainer> paths() {
        Predicate<PathContainer> current = paths;
        if (current == null) {
            RouterFunctionMapping endpoints = mapping.get();
            current = endpoints == null || endpoints.getRouterFunction() == null
                    ? path -> false
                    : pathsOf(endpoints.getRouterFunction());
            paths = current;
        }
        return current;
    }

    /** A test for the paths the router function's routes could match, from their path predicates. */
    static Predicate<PathContainer> pathsOf(RouterFunction<?> routerFunction) {
        PathCollector collector = new PathCollector();
        routerFunction.accept(collector);
        if (collector.routeWithoutPath) {
            return path -> true;
        }
        List<PathPattern> patterns = collector.patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
        return path -> {
            for (PathPattern pattern : patterns) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Collects every route's path patterns; notes a route that could answer any path (no path, nested, or, not). */
    private static final class PathCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final List<String> patterns = new ArrayList<>();
        private boolean routeWithoutPath;
        private int pathsOfThisRoute;

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            pathsOfThisRoute = 0;
            predicate.accept(this);
            if (pathsOfThisRoute == 0) {
                routeWithoutPath = true;
            }
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            routeWithoutPath = true;
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            routeWithoutPath = true;
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            routeWithoutPath = true;
        }

        @Override
        public void path(String pattern) {
            patterns.add(pattern);
            pathsOfThisRoute++;
        }

        @Override
        public void method(Set<HttpMethod> methods) {
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
            routeWithoutPath = true; // a path or something else: could be any path
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
            routeWithoutPath = true; // not this path: any other
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }
}
