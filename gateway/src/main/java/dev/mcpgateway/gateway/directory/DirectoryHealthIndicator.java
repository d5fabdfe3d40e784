package dev.mcpgateway.gateway.directory;

import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the tenant directory ({@code tenancy} in the readiness group): out of service until the first load
 * succeeded, up ever after, also while Postgres is down, because calls are served from the last snapshot.
 */
@Component("tenancy")
class DirectoryHealthIndicator implements HealthIndicator {

    private final DirectoryChangeListener listener;
    private final TenantDirectory directory;

    DirectoryHealthIndicator(DirectoryChangeListener listener, TenantDirectory directory) {
        this.listener = listener;
        this.directory = directory;
    }

    @Override
    public Health health() {
        Instant lastLoaded = listener.lastLoaded();
        if (lastLoaded == null) {
            return Health.outOfService().withDetail("reason", "the tenant directory has not been loaded yet").build();
        }
        return Health.up()
                .withDetail("tenants", directory.current().tenants().size())
                .withDetail("lastLoaded", lastLoaded.toString())
                .withDetail("listening", listener.isListening())
                .build();
    }
}
