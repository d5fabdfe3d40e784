package dev.mcpgateway.gateway.audit;

import java.util.Locale;

/** How a call through {@code /tools/<tenant>/**} ended, as the {@code outcome} tag of {@code mcpgateway.requests}. */
public enum CallOutcome {

    /** Allowed and answered below 500 by the backend. */
    ALLOWED,
    /** Refused by the membership check: not a member, level too low, or a deny rule. */
    DENIED,
    /** No verified identity or client key (401). */
    UNAUTHENTICATED,
    /** No such (enabled) tenant or path (404). */
    NOT_FOUND,
    /**
     * Refused by a rate or concurrency limit (429, or 503 at once); audited as decision {@code deny} with outcome
     * {@code rate_limited} and a reason starting {@code rate_limited:}.
     */
    RATE_LIMITED,
    /** Refused for another reason before a decision (other 4xx, e.g. a malformed path). */
    REJECTED,
    /** The gateway or the backend failed (5xx), or the client went away. */
    ERROR;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
