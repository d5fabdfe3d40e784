package dev.mcpgateway.gateway.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code GET /tools}: the tools the caller may use, across the caller's enabled tenants. */
record CallerTools(String user,
                   @JsonProperty("tenant_count") int tenantCount,
                   @JsonProperty("tool_count") int toolCount,
                   List<ToolSummary> tools) {

    /**
     * @param name         the tenant-qualified name the model sees (the operationId), e.g. {@code google__read_file}
     * @param originalName the backend's tool name
     * @param path         where to call it on the gateway, e.g. {@code /tools/google/read_file}
     */
    record ToolSummary(String name,
                       @JsonProperty("original_name") String originalName,
                       @JsonProperty("tenant_id") String tenantId,
                       @JsonProperty("tenant_name") String tenantName,
                       String description,
                       String path,
                       String method) {
    }
}
