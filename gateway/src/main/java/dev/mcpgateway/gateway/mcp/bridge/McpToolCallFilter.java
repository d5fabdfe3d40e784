package dev.mcpgateway.gateway.mcp.bridge;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.mcp.backend.BackendRpcException;
import dev.mcpgateway.gateway.mcp.backend.McpBackends;
import dev.mcpgateway.gateway.membership.TenantCall;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mcpo-compatible call path for {@code mcp} tenants: {@code POST /tools/<tenant>/<tool>} with the arguments as
 * a JSON object becomes a {@code tools/call} on the tenant's MCP backend, answered the way mcpo answers
 * ({@link McpoResponses}). It runs on the tenant's route after identity, membership and credential filters, and
 * only for calls the membership check allowed ({@link TenantCall}); instead of proxying, it answers itself.
 * {@code /tools/<tenant>/mcp} is left to the MCP pass-through.
 */
@Component
class McpToolCallFilter implements GlobalFilter, Ordered {

    /** After every route filter (those are ordered 1..n), before the routing filters that would proxy. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantDirectory directory;
    private final McpBackends backends;

    McpToolCallFilter(TenantDirectory directory, McpBackends backends) {
        this.directory = directory;
        this.backends = backends;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        TenantCall call = TenantCall.of(exchange);
        if (call == null || call.decision() == null || !call.decision().allowed()) {
            return chain.filter(exchange);
        }
        Tenant tenant = directory.current().tenant(call.tenantId()).orElse(null);
        if (tenant == null || tenant.backendType() != BackendType.MCP
                || McpToolOpenApi.RESERVED_MCP_PATH.equals(call.tool())) {
            return chain.filter(exchange);
        }
        return answer(exchange, tenant, call.tool());
    }

    private Mono<Void> answer(ServerWebExchange exchange, Tenant tenant, String tool) {
        String path = originalPath(exchange);
        String toolPath = "/tools/" + tenant.id() + "/" + tool;
        if (tool == null || !(path.equals(toolPath) || path.equals(toolPath + "/"))) {
            return Mono.error(GatewayProblem.notFound(tenant.id(), "tenant '" + tenant.id()
                    + "' is an MCP backend: call a tool with POST /tools/" + tenant.id() + "/<tool>"));
        }
        if (!HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
            return Mono.error(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED,
                    "call a tool with POST and its arguments as a JSON object"));
        }
        return backends.tool(tenant, tool)
                .switchIfEmpty(Mono.error(() -> GatewayProblem.notFound(tenant.id(),
                        "tenant '" + tenant.id() + "' has no tool '" + tool + "'")))
                .then(arguments(exchange, tenant))
                .flatMap(arguments -> backends.call(tenant, tool, arguments))
                .map(McpoResponses::of)
                .onErrorResume(BackendRpcException.class, error -> Mono.just(McpoResponses.of(error)))
                .flatMap(answer -> write(exchange, answer));
    }

    /** The path the caller sent (a tenant route strips its prefix from the backend's URL only: route.BackendPathFilter). */
    private static String originalPath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value();
    }

    /** The body as a JSON object; empty means no arguments. Top-level nulls are dropped, as mcpo does. */
    private Mono<Map<String, Object>> arguments(ServerWebExchange exchange, Tenant tenant) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("")
                .onErrorMap(DataBufferLimitException.class, e -> GatewayProblem.badRequest(tenant.id(),
                        "the request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB"))
                .map(body -> parse(body, tenant));
    }

    private static Map<String, Object> parse(String body, Tenant tenant) {
        if (body.isBlank()) {
            return Map.of();
        }
        Object value;
        try {
            value = JSON.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw GatewayProblem.badRequest(tenant.id(), "the request body must be a JSON object of the tool's arguments");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw GatewayProblem.badRequest(tenant.id(), "the request body must be a JSON object of the tool's arguments");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        map.forEach((key, argument) -> {
            if (argument != null) {
                arguments.put(String.valueOf(key), argument);
            }
        });
        return arguments;
    }

    private static Mono<Void> write(ServerWebExchange exchange, McpoResponses.Answer answer) {
        var response = exchange.getResponse();
        response.setStatusCode(answer.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(answer.bytes());
        return response.writeWith(Mono.just(buffer));
    }
}
