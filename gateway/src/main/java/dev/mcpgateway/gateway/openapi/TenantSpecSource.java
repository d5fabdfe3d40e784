package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Where a tenant's tool spec comes from, one implementation per {@link BackendType}: mcpo-style backends serve their
 * own {@code /openapi.json}; native MCP backends have one generated from {@code tools/list}. The result must be
 * shaped as mcpo shapes it: one operation per tool at {@code /<tool>}, paths relative to the tenant's backend.
 * The gateway caches, rewrites (operationIds, deny rules, servers) and aggregates it; sources only produce it.
 */
public interface TenantSpecSource {

    /** The backend type this source serves; one source per type. */
    BackendType backendType();

    /** The tenant backend's OpenAPI document. Failures are reported as errors; callers add timeouts and caching. */
    Mono<JsonNode> fetchSpec(Tenant tenant);
}
