package dev.mcpgateway.gateway.system;

/** The body of {@code GET /health}: the process answers. Kubernetes probes use the actuator's liveness/readiness groups. */
record HealthResponse(String status, String service) {

    static final HealthResponse HEALTHY = new HealthResponse("healthy", "mcp-tenant-gateway");
}
