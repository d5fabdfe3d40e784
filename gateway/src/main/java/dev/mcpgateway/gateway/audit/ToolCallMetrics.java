package dev.mcpgateway.gateway.audit;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.openapi.TenantSpecCache;
import dev.mcpgateway.policy.ToolRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Request metrics per tenant, tool and outcome, with bounded cardinality: the {@code tenant} tag is a configured
 * tenant or {@code unknown}, the {@code tool} tag a tool known from the tenant's spec or an exact rule (at most
 * {@value #MAX_TOOL_TAGS_PER_TENANT} per tenant) or {@code other}; callers choose neither freely.
 * <ul>
 *   <li>{@code mcpgateway.requests} (timer; histogram via {@code management.metrics.distribution}) tags tenant, tool, outcome</li>
 *   <li>{@code mcpgateway.denials} (counter) tags tenant, reason ({@code not_a_member}, {@code level_too_low},
 *       {@code denied_by_rule}, {@code unauthenticated})</li>
 * </ul>
 */
@Component
public class ToolCallMetrics {

    public static final String REQUESTS = "mcpgateway.requests";
    public static final String DENIALS = "mcpgateway.denials";
    static final int MAX_TOOL_TAGS_PER_TENANT = 100;
    static final String UNKNOWN_TENANT = "unknown";
    static final String OTHER_TOOL = "other";
    static final String NO_TOOL = "none";

    private final MeterRegistry meters;
    private final TenantDirectory directory;
    private final TenantSpecCache specs;
    private final Map<String, Set<String>> toolTags = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<DenialKey, Counter> denials = new ConcurrentHashMap<>();

    ToolCallMetrics(MeterRegistry meters, TenantDirectory directory, TenantSpecCache specs) {
        this.meters = meters;
        this.directory = directory;
        this.specs = specs;
    }

    /** Records one call's latency under its tenant, tool and outcome. */
    public void recordCall(String tenantId, String tool, CallOutcome outcome, long durationNanos) {
        Tenant tenant = tenantId == null ? null : directory.current().tenant(tenantId).orElse(null);
        TimerKey key = new TimerKey(tenant == null ? UNKNOWN_TENANT : tenant.id(), toolTag(tenant, tool), outcome);
        timers.computeIfAbsent(key, this::timer).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one refusal under its tenant and reason (a fixed, small set of values). */
    public void recordDenial(String tenantId, String reason) {
        String tenantTag = tenantId != null && directory.current().tenant(tenantId).isPresent() ? tenantId : UNKNOWN_TENANT;
        denials.computeIfAbsent(new DenialKey(tenantTag, reason), this::denialCounter).increment();
    }

    private String toolTag(Tenant tenant, String tool) {
        if (tool == null) {
            return NO_TOOL;
        }
        if (tenant == null) {
            return OTHER_TOOL;
        }
        Set<String> tagged = toolTags.computeIfAbsent(tenant.id(), id -> ConcurrentHashMap.newKeySet());
        if (tagged.contains(tool)) {
            return tool;
        }
        if (!isKnown(tenant, tool)) {
            specs.prefetch(tenant);
            return OTHER_TOOL;
        }
        if (tagged.size() >= MAX_TOOL_TAGS_PER_TENANT) {
            return OTHER_TOOL;
        }
        tagged.add(tool);
        return tool;
    }

    private boolean isKnown(Tenant tenant, String tool) {
        if (specs.knownTools(tenant.id()).contains(tool)) {
            return true;
        }
        for (ToolRule rule : tenant.policy().rules()) {
            if (!rule.isPattern() && rule.tool().equals(tool)) {
                return true;
            }
        }
        return false;
    }

    private Timer timer(TimerKey key) {
        return Timer.builder(REQUESTS)
                .description("calls through /tools/<tenant>/**, by tenant, tool and outcome")
                .tag("tenant", key.tenant())
                .tag("tool", key.tool())
                .tag("outcome", key.outcome().value())
                .register(meters);
    }

    private Counter denialCounter(DenialKey key) {
        return Counter.builder(DENIALS)
                .description("calls refused by the gateway, by tenant and reason")
                .tag("tenant", key.tenant())
                .tag("reason", key.reason())
                .register(meters);
    }

    private record TimerKey(String tenant, String tool, CallOutcome outcome) {
    }

    private record DenialKey(String tenant, String reason) {
    }
}
