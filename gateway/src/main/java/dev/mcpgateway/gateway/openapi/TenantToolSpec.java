package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.directory.Tenant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's spec as Open WebUI gets it from {@code /tools/<tenant>/openapi.json}, and the tool operations in it.
 *
 * @param tenant     the tenant
 * @param spec       the rewritten document (a private copy)
 * @param operations its operations, in document order
 */
public record TenantToolSpec(Tenant tenant, ObjectNode spec, List<ToolOperation> operations) {
}
