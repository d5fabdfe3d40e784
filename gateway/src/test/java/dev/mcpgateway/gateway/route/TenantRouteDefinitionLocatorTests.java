package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.membership.TenantMembershipGatewayFilterFactory;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;

class TenantRouteDefinitionLocatorTests {

    private final TenantDirectory directory = new TenantDirectory();

    TenantRouteDefinitionLocatorTests() {
        directory.replace(new TenancySnapshot(Map.of(
                "google", tenant("google", true, "http://127.0.0.1:8001"),
                "acme", tenant("acme", false, "http://127.0.0.1:8009"),
                "company-c", tenant("company-c", true, "https://c.example:8443/base")), Map.of(), Map.of()));
    }

    @Test
    void definesOneRoutePerEnabledTenant() {
        List<RouteDefinition> routes = routes(List.of(new TenantMembershipGatewayFilterFactory(directory),
                new StripPrefixGatewayFilterFactory()));
        // StripPrefix exists (Spring Cloud Gateway defines it) but the tenant routes do without: BackendPathFilter.

        assertThat(routes).extracting(RouteDefinition::getId).containsExactly("tenant-company-c", "tenant-google");
        RouteDefinition google = routes.get(1);
        assertThat(google.getUri()).hasToString("http://127.0.0.1:8001");
        assertThat(google.getPredicates()).singleElement().satisfies(predicate -> {
            assertThat(predicate.getName()).isEqualTo("Path");
            assertThat(predicate.getArgs()).containsValue("/tools/google/**");
        });
        assertThat(google.getMetadata()).containsEntry(TenantRouteDefinitionLocator.TENANT_METADATA, "google");
        assertThat(google.getFilters()).extracting(FilterDefinition::getName).containsExactly("TenantMembership");
        assertThat(google.getFilters().get(0).getArgs()).containsEntry("tenant", "google");
    }

    @Test
    void addsTheCredentialFilterOnceItExists() {
        List<RouteDefinition> routes = routes(List.of(new TenantMembershipGatewayFilterFactory(directory),
                new VaultCredentialGatewayFilterFactory(), new StripPrefixGatewayFilterFactory()));

        assertThat(routes.get(0).getFilters()).extracting(FilterDefinition::getName)
                .containsExactly("TenantMembership", "VaultCredential");
        assertThat(routes.get(0).getFilters().get(1).getArgs()).containsEntry("tenant", "company-c");
    }

    private List<RouteDefinition> routes(List<GatewayFilterFactory<?>> factories) {
        return new TenantRouteDefinitionLocator(directory, factories).getRouteDefinitions().collectList().block();
    }

    private static Tenant tenant(String id, boolean enabled, String url) {
        return new Tenant(id, id, URI.create(url), BackendType.OPENAPI, enabled, false,
                new TenantPolicy(AccessLevel.READ, List.of()));
    }

    /** Stands in for the credential filter of another package; only its name and {@code tenant} matter here. */
    static class VaultCredentialGatewayFilterFactory
            extends AbstractGatewayFilterFactory<VaultCredentialGatewayFilterFactory.Config> {

        VaultCredentialGatewayFilterFactory() {
            super(Config.class);
        }

        @Override
        public GatewayFilter apply(Config config) {
            return (exchange, chain) -> chain.filter(exchange);
        }

        public static class Config {
            private String tenant;

            public String getTenant() {
                return tenant;
            }

            public void setTenant(String tenant) {
                this.tenant = tenant;
            }
        }
    }
}
