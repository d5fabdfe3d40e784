package dev.mcpgateway.gateway.route;

import dev.mcpgateway.gateway.directory.DirectoryChanged;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks Spring Cloud Gateway to rebuild the tenant routes ({@link RefreshRoutesEvent}) when the directory changed what
 * they are built from: which tenants are enabled and where their backends are. Member and rule changes need no new
 * routes, and rebuilding 10,000 of them for each would be waste.
 */
@Component
class TenantRouteRefresher {

    private static final Logger log = LoggerFactory.getLogger(TenantRouteRefresher.class);

    private final ApplicationEventPublisher events;

    TenantRouteRefresher(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void directoryChanged(DirectoryChanged change) {
        if (!routing(change.previous()).equals(routing(change.current()))) {
            events.publishEvent(new RefreshRoutesEvent(this));
            log.info("Tenant routes refreshed: {} tenants", change.current().tenants().size());
        }
    }

    /** What the routes are built from, per enabled tenant. */
    private static Map<String, String> routing(TenancySnapshot snapshot) {
        Map<String, String> routing = new HashMap<>(snapshot.tenants().size() * 2);
        for (Tenant tenant : snapshot.allTenants()) {
            if (tenant.enabled()) {
                routing.put(tenant.id(), tenant.backendUrl() + " " + tenant.backendType());
            }
        }
        return routing;
    }
}
