package dev.mcpgateway.gateway.limit;

import java.util.Locale;

/** Which limit refused a call: the {@code scope} tag of {@code mcpgateway_rate_limited_total}. */
public enum LimitScope {

    /** The caller's own bucket for the tenant. */
    USER,
    /** The bucket all the tenant's members share. */
    TENANT,
    /** Calls in flight to the tenant's tool server on this replica. */
    CONCURRENCY,
    /** The Redis store could not be asked and {@code fail-closed} is on (not counted as rate limited). */
    STORE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
