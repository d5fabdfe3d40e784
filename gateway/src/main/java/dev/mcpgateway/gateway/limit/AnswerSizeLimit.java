package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.directory.Tenant;
import org.springframework.stereotype.Component;

/**
 * How large a tenant's tool server may answer one call: the tenant's own {@code rateLimit.maxResponseBytes} when it
 * sets one, else {@code mcpgateway.limits.max-response-size}; {@code 0} in either place means unlimited. Every path
 * that reads a tool server's answer (HTTP, the mcpo bridge, {@code /mcp}, the MCP pass-through) asks here.
 */
@Component
public class AnswerSizeLimit {

    private final long defaultMaxBytes;

    public AnswerSizeLimit(GatewayProperties properties) {
        this.defaultMaxBytes = properties.limits().maxResponseSize().toBytes();
    }

    /** The cap on one answer of {@code tenant}'s tool server. */
    public AnswerCap capFor(Tenant tenant) {
        Long own = tenant.maxResponseBytes();
        return new AnswerCap(tenant.id(), own != null ? own : defaultMaxBytes);
    }
}
