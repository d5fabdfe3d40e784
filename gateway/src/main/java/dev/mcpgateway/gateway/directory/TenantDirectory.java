package dev.mcpgateway.gateway.directory;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Holds the current {@link TenancySnapshot}. Readers on the request path call {@link #current()}, which never
 * touches the database; the loader swaps in a new snapshot when Postgres reports a change.
 */
@Component
public class TenantDirectory {

    private final AtomicReference<TenancySnapshot> current = new AtomicReference<>(TenancySnapshot.EMPTY);

    public TenancySnapshot current() {
        return current.get();
    }

    public void replace(TenancySnapshot snapshot) {
        current.set(snapshot);
    }
}
