package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gateway.identity.oidc.*} and {@code gateway.publicBaseUrl}: IdP tokens for the gateway, the same non-secret
 * settings for tenant-admin (which shows them), and the gateway's egress to the IdP.
 */
class IdentityChartTests {

    private static final Path IDP_VALUES = Chart.DIRECTORY.resolve("ci/idp-tokens-values.yaml");
    private static final String GATEWAY = "mcp-mcp-tenant-gateway-gateway";
    private static final String TENANT_ADMIN = "mcp-mcp-tenant-gateway-tenant-admin";

    @Test
    void leavesIdpTokensOffByDefault() {
        List<HasMetadata> resources = Chart.render(null);

        for (String app : List.of(GATEWAY, TENANT_ADMIN)) {
            Map<String, String> env = ChartRenderingTests.env(container(resources, app));
            assertThat(env).as(app).containsEntry("MCPGATEWAY_TRUST_PLAIN_HEADERS", "false")
                    .doesNotContainKey("MCPGATEWAY_PUBLICBASEURL");
            assertThat(env.keySet()).as(app).noneMatch(name -> name.startsWith("MCPGATEWAY_IDENTITY_OIDC_"));
        }
    }

    @Test
    void passesTheIdpSettingsToTheGatewayByRelaxedBindingNames() {
        Map<String, String> env = ChartRenderingTests.env(container(Chart.render(IDP_VALUES), GATEWAY));

        assertThat(env).containsEntry("MCPGATEWAY_IDENTITY_OIDC_ISSUERURI", "https://sso.example.org/realms/acme")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_AUDIENCES", "https://tools.example.org/mcp,open-webui")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_EMAILCLAIM", "preferred_username")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_SCOPES", "mcp")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_JWKSETURI",
                        "https://keys.example.org:8443/realms/acme/protocol/openid-connect/certs")
                .containsEntry("MCPGATEWAY_PUBLICBASEURL", "https://tools.example.org");
    }

    @Test
    void givesTenantAdminTheSameSettingsToShowButNoIdentitySecret() {
        Container tenantAdmin = container(Chart.render(IDP_VALUES), TENANT_ADMIN);

        assertThat(ChartRenderingTests.env(tenantAdmin))
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_ISSUERURI", "https://sso.example.org/realms/acme")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_AUDIENCES", "https://tools.example.org/mcp,open-webui")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_EMAILCLAIM", "preferred_username")
                .containsEntry("MCPGATEWAY_IDENTITY_OIDC_SCOPES", "mcp")
                .containsEntry("MCPGATEWAY_PUBLICBASEURL", "https://tools.example.org")
                .containsEntry("MCPGATEWAY_TRUST_PLAIN_HEADERS", "false");
        assertThat(tenantAdmin.getEnv()).extracting(EnvVar::getName)
                .doesNotContain("OPENWEBUI_JWT_SECRET", "MCPGATEWAY_CLIENT_KEYS");
        assertThat(tenantAdmin.getEnv()).noneSatisfy(env -> assertThat(env.getValueFrom()).isNotNull()
                .satisfies(from -> assertThat(from.getSecretKeyRef().getName()).isEqualTo("mcp-tenant-gateway-identity")));
    }

    @Test
    void letsTheGatewayReachTheIssuerAndItsKeysThroughItsNetworkPolicy() {
        List<NetworkPolicyEgressRule> without = gatewayEgress(Chart.render(null));
        List<NetworkPolicyEgressRule> with = gatewayEgress(Chart.render(IDP_VALUES));

        assertThat(with).hasSize(without.size() + 1);
        assertThat(with).anySatisfy(rule -> {
            assertThat(rule.getTo()).isEmpty();
            assertThat(rule.getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(443, 8443);
        });
        assertThat(gatewayEgress(Chart.render(null, Map.of(
                "gateway.identity.oidc.issuerUri", "http://keycloak.sso.svc:8080/realms/acme",
                "gateway.identity.oidc.audiences[0]", "mcp"))))
                .anySatisfy(rule -> assertThat(rule.getPorts()).extracting(port -> port.getPort().getIntVal())
                        .containsExactly(8080));
    }

    @Test
    void refusesAnIssuerWithoutAnAudience() {
        assertThatThrownBy(() -> Chart.template(null, Map.of(
                "gateway.identity.oidc.issuerUri", "https://sso.example.org/realms/acme")))
                .hasMessageContaining("gateway.identity.oidc.audiences needs at least one audience");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "gateway.identity.oidc.issuerUri | sso.example.org/realms/acme | issuerUri",
            "gateway.identity.oidc.jwkSetUri | file:///etc/keys.json | jwkSetUri",
            "gateway.identity.oidc.emailClaim | '' | emailClaim",
            "gateway.identity.oidc.scopes[0] | two words | scopes",
            "gateway.publicBaseUrl | tools.example.org | publicBaseUrl",
            "gateway.publicBaseUrl | https://tools.example.org/?x=1 | publicBaseUrl",
    })
    void rejectsBadIdentityValuesWithTheSchema(String key, String value, String named) {
        assertThatThrownBy(() -> Chart.template(null, Map.of(key, value)))
                .hasMessageContaining("schema")
                .hasMessageContaining(named);
    }

    private static Container container(List<HasMetadata> resources, String name) {
        Deployment deployment = ChartRenderingTests.named(ChartRenderingTests.ofKind(resources, Deployment.class), name);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<NetworkPolicyEgressRule> gatewayEgress(List<HasMetadata> resources) {
        return ChartRenderingTests.named(ChartRenderingTests.ofKind(resources, NetworkPolicy.class), GATEWAY)
                .getSpec().getEgress();
    }
}
