package dev.mcpgateway.gateway.audit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Keeps calls to {@code /tools/<tenant>/**} out of WebFlux's generic {@code http.server.requests} observation: they
 * are measured once, by tenant, tool and outcome, in {@code mcpgateway.requests} ({@link ToolCallMetrics}), and an
 * observation per call is a noticeable share of the gateway's hot path. Every other endpoint ({@code /mcp}, specs,
 * {@code /tenants}, actuator) is still observed.
 */
@Component
class ToolCallsOutsideServerObservations implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        if (context instanceof ServerRequestObservationContext server) {
            return !ToolCallAuditFilter.isToolCall(server.getCarrier().getPath().pathWithinApplication().value());
        }
        return true;
    }
}
