package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.DirectoryChanged;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;

class TenantRouteRefresherTests {

    private final List<Object> published = new ArrayList<>();
    private final TenantRouteRefresher refresher = new TenantRouteRefresher(published::add);

    @Test
    void refreshesRoutesWhenATenantIsAdded() {
        refresher.directoryChanged(new DirectoryChanged(snapshot(google("http://g:1")), snapshot(google("http://g:1"),
                tenant("acme", "http://a:1", true))));

        assertThat(published).singleElement().isInstanceOf(RefreshRoutesEvent.class);
    }

    @Test
    void refreshesRoutesWhenABackendMovesOrATenantIsDisabled() {
        refresher.directoryChanged(new DirectoryChanged(snapshot(google("http://g:1")), snapshot(google("http://g:2"))));
        refresher.directoryChanged(new DirectoryChanged(snapshot(google("http://g:1")),
                snapshot(tenant("google", "http://g:1", false))));

        assertThat(published).hasSize(2).allMatch(RefreshRoutesEvent.class::isInstance);
    }

    @Test
    void leavesRoutesAloneWhenOnlyMembersChanged() {
        TenancySnapshot before = snapshot(google("http://g:1"));
        TenancySnapshot after = new TenancySnapshot(before.tenants(),
                Map.of("sarah@google.com", Map.of("google", AccessLevel.WRITE)), Map.of());

        refresher.directoryChanged(new DirectoryChanged(before, after));

        assertThat(published).isEmpty();
    }

    private static Tenant google(String url) {
        return tenant("google", url, true);
    }

    private static Tenant tenant(String id, String url, boolean enabled) {
        return new Tenant(id, id, URI.create(url), BackendType.OPENAPI, enabled, false,
                new TenantPolicy(AccessLevel.READ, List.of()));
    }

    private static TenancySnapshot snapshot(Tenant... tenants) {
        Map<String, Tenant> byId = new HashMap<>();
        for (Tenant tenant : tenants) {
            byId.put(tenant.id(), tenant);
        }
        return new TenancySnapshot(byId, Map.of(), Map.of());
    }
}
