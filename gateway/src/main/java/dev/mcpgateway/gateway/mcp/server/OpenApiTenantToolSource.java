package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.limit.AnswerCap;
import dev.mcpgateway.gateway.limit.AnswerSizeLimit;
import dev.mcpgateway.gateway.mcp.backend.BackendCallResult;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.gateway.openapi.TenantSpecCache;
import dev.mcpgateway.policy.ToolPaths;
import dev.mcpgateway.policy.ToolRequirement;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tools of {@code openapi} (mcpo-style) tenants for {@code /mcp}: every single-segment {@code POST /<tool>} of the
 * backend's {@code openapi.json} is a tool whose arguments are the JSON request body; a call is that POST with the
 * tenant's credentials. A 2xx body is the tool's text result, any other status a result with {@code isError}.
 * The spec comes from the {@link TenantSpecCache} the OpenAPI endpoints use (one fetch, one cache); the tools read
 * from it are kept per spec, so an unchanged spec yields the same list instance.
 */
@Component
class OpenApiTenantToolSource implements TenantToolSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMPONENT_REF = "#/components/schemas/";

    private final BackendCredentials credentials;
    private final TenantSpecCache specCache;
    private final AnswerSizeLimit answerLimit;
    private final WebClient http;
    private final Duration callTimeout;
    private final Map<String, ToolsOfSpec> tools = new ConcurrentHashMap<>();

    OpenApiTenantToolSource(GatewayProperties properties, ObjectProvider<BackendCredentials> credentials,
                            TenantSpecCache specCache, AnswerSizeLimit answerLimit) {
        this.credentials = credentials.getIfAvailable(() -> BackendCredentials.NONE);
        this.specCache = specCache;
        this.answerLimit = answerLimit;
        this.callTimeout = properties.mcp().backend().callTimeout();
        HttpClient client = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) properties.mcp().backend().connectTimeout().toMillis());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    @Override
    public BackendType backendType() {
        return BackendType.OPENAPI;
    }

    @Override
    public Mono<List<BackendTool>> tools(Tenant tenant) {
        return specCache.backendSpec(tenant).map(spec -> tools.compute(tenant.id(),
                (id, known) -> known != null && known.spec() == spec ? known : new ToolsOfSpec(spec, toolsOf(spec))).tools());
    }

    @Override
    public ToolRequirement requirementFor(Tenant tenant, BackendTool tool) {
        return tenant.policy().requirementFor(tool.name());
    }

    @Override
    public Mono<BackendCallResult> call(Tenant tenant, String tool, Map<String, Object> arguments) {
        return credentials.headersFor(tenant.id()).flatMap(headers -> http.post()
                        .uri(join(tenant.backendUrl().toString(), tool))
                        .headers(h -> h.addAll(headers))
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(arguments == null ? Map.of() : arguments)
                        .exchangeToMono(response -> text(response.bodyToFlux(DataBuffer.class),
                                response.headers().contentLength().orElse(-1), answerLimit.capFor(tenant))
                                .map(body -> result(response.statusCode().value(), body))))
                .timeout(callTimeout)
                .onErrorMap(error -> !(error instanceof GatewayProblem), error -> GatewayProblem.unavailable(tenant.id(),
                        "the tool server of tenant '" + tenant.id() + "' did not answer"));
    }

    /** The whole body as text, held to the tenant's answer cap while it arrives. */
    private static Mono<String> text(Flux<DataBuffer> body, long contentLength, AnswerCap cap) {
        return DataBufferUtils.join(cap.limit(body, contentLength))
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("");
    }

    /** One tool per POST on a tool's own path ({@link ToolPaths#isToolsOwnPath}), with its body schema (references resolved). */
    static List<BackendTool> toolsOf(JsonNode spec) {
        JsonNode components = spec.path("components").path("schemas");
        List<BackendTool> tools = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            JsonNode post = path.getValue().path("post");
            if (!ToolPaths.isToolsOwnPath(path.getKey()) || !post.isObject()) {
                continue;
            }
            String name = ToolPaths.toolOfSpecPath(path.getKey());
            String description = post.path("description").isString() ? post.get("description").asString()
                    : post.path("summary").isString() ? post.get("summary").asString() : null;
            JsonNode schema = post.path("requestBody").path("content").path("application/json").path("schema");
            tools.add(new BackendTool(name, null, description, inputSchema(schema, components), null, null));
        }
        return List.copyOf(tools);
    }

    /** The body schema as a self-contained JSON Schema: a top-level reference inlined, others moved to {@code $defs}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputSchema(JsonNode schema, JsonNode components) {
        if (schema.path("$ref").isString() && schema.get("$ref").asString().startsWith(COMPONENT_REF)) {
            schema = components.path(schema.get("$ref").asString().substring(COMPONENT_REF.length()));
        }
        if (!schema.isObject()) {
            return Map.of("type", "object");
        }
        Map<String, Object> converted = (Map<String, Object>) rewriteRefs(JSON.convertValue(schema, Map.class));
        String text = JSON.writeValueAsString(converted);
        if (text.contains("\"#/$defs/") && components.isObject()) {
            Map<String, Object> withDefs = new LinkedHashMap<>(converted);
            withDefs.put("$defs", rewriteRefs(JSON.convertValue(components, Map.class)));
            return withDefs;
        }
        if (!converted.containsKey("type")) {
            Map<String, Object> typed = new LinkedHashMap<>(converted);
            typed.put("type", "object");
            return typed;
        }
        return converted;
    }

    private static Object rewriteRefs(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), "$ref".equals(k) && v instanceof String ref
                    && ref.startsWith(COMPONENT_REF) ? "#/$defs/" + ref.substring(COMPONENT_REF.length()) : rewriteRefs(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(OpenApiTenantToolSource::rewriteRefs).toList();
        }
        return node;
    }

    private static BackendCallResult result(int status, String body) {
        boolean ok = status >= 200 && status < 300;
        String text = ok ? body : "HTTP " + status + (body.isBlank() ? "" : ": " + body);
        return new BackendCallResult(List.of(Map.of("type", "text", "text", text)), !ok, null);
    }

    private static String join(String base, String segment) {
        return (base.endsWith("/") ? base : base + "/") + segment;
    }

    private record ToolsOfSpec(JsonNode spec, List<BackendTool> tools) {
    }
}
