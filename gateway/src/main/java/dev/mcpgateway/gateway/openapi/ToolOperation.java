package dev.mcpgateway.gateway.openapi;

/**
 * One operation of a tenant's rewritten spec: what Open WebUI turns into one tool for the model.
 *
 * @param tool        the tool, the path's first segment (what rules and the membership check name)
 * @param operationId the unique, tenant-qualified name the model sees, e.g. {@code google__read_file}
 * @param method      the HTTP method, upper-case
 * @param path        the path relative to the tenant, e.g. {@code /read_file}
 * @param description the operation's description, else its summary, else empty
 */
public record ToolOperation(String tool, String operationId, String method, String path, String description) {
}
