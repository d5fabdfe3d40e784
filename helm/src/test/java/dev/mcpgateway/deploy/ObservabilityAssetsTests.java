package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the PrometheusRule render from the chart and cover what operators watch. That every
 * metric they name is one the gateway exports is checked in the gateway module (ObservabilityMetricsIntegrationTests).
 */
class ObservabilityAssetsTests {

    private static final Path DASHBOARD = Chart.DIRECTORY.resolve("dashboards/mcp-tenant-gateway.json");
    private static final Pattern METRIC = Pattern.compile("\\bmcpgateway_[a-z_]+");

    @Test
    void shipsTheDashboardUnchangedInItsConfigMap() throws Exception {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/monitoring-values.yaml"));

        ConfigMap dashboard = ChartRenderingTests.ofKind(resources, ConfigMap.class).get(0);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData().get("mcp-tenant-gateway.json")).isEqualTo(Files.readString(DASHBOARD).strip());
    }

    @Test
    void chartsPerTenantTrafficErrorsLatencyDenialsAndTheVaultCache() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());

        List<String> titles = dashboard.path("panels").valueStream().map(p -> p.path("title").asString()).toList();
        assertThat(titles).contains("Calls per second by tenant", "Error ratio by tenant", "Latency percentiles by tenant",
                "Denials by tenant and reason", "Vault credentials", "Audit events dropped or failed");
        String queries = dashboard.path("panels").toString();
        assertThat(queries).contains("sum by (tenant)", "histogram_quantile(0.99", "mcpgateway_denials_total",
                "mcpgateway_vault_cache_total");
        assertThat(dashboard.path("templating").path("list").valueStream().map(v -> v.path("name").asString()))
                .containsExactly("datasource", "namespace", "tenant");
    }

    @Test
    void alertsOnErrorRatioLatencyVaultAndAuditDrops() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/monitoring-values.yaml"));

        PrometheusRule rule = ChartRenderingTests.ofKind(resources, PrometheusRule.class).get(0);
        List<Rule> rules = rule.getSpec().getGroups().get(0).getRules();
        assertThat(rules).extracting(Rule::getAlert).containsExactly("McpGatewayTenantErrorRatioHigh",
                "McpGatewayTenantLatencyHigh", "McpGatewayVaultUnavailable", "McpGatewayTenantRateLimited",
                "McpGatewayAuditEventsDropped");
        assertThat(rules.get(0).getExpr().getStrVal()).contains("> 0.1").contains("namespace=\"mcp-gateway\"");
        assertThat(rules.get(1).getExpr().getStrVal()).contains("histogram_quantile(0.99").contains("> 5");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.getLabels()).containsKey("severity");
            assertThat(r.getAnnotations().get("description")).contains("{{");
        });
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void chartsRateLimitedCallsByTenantAndScopeAndCallsInFlight() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());

        List<JsonNode> panels = dashboard.path("panels").valueStream().toList();
        assertThat(panels).extracting(p -> p.path("title").asString())
                .contains("Rate-limited calls by tenant and scope", "Tool calls in flight by tenant");
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        String queries = dashboard.path("panels").toString();
        assertThat(queries).contains("sum by (tenant, scope) (rate(mcpgateway_rate_limited_total{",
                "max by (tenant) (mcpgateway_tool_calls_in_flight{");
    }

    @Test
    void alertsOnSustainedRateLimitingPerTenantAndScope() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/monitoring-values.yaml"),
                java.util.Map.of("metrics.prometheusRule.rateLimitedPerSecond", "2"));

        Rule limited = ChartRenderingTests.ofKind(resources, PrometheusRule.class).get(0).getSpec().getGroups().get(0)
                .getRules().stream().filter(r -> r.getAlert().equals("McpGatewayTenantRateLimited")).findFirst()
                .orElseThrow();
        assertThat(limited.getExpr().getStrVal())
                .contains("sum by (tenant, scope) (rate(mcpgateway_rate_limited_total{namespace=\"mcp-gateway\"}[5m]))")
                .contains("> 2");
        assertThat(limited.getFor()).isEqualTo("10m");
        assertThat(limited.getAnnotations().get("summary")).contains("{{ $labels.tenant }}", "{{ $labels.scope }}");
    }

    @Test
    void namesTheSameMetricsInDashboardAndAlerts() throws Exception {
        Set<String> dashboard = metrics(Files.readString(DASHBOARD));
        Set<String> alerts = metrics(Files.readString(Chart.DIRECTORY.resolve("templates/prometheusrule.yaml")));

        assertThat(alerts).isNotEmpty();
        assertThat(dashboard).containsAll(alerts);
    }

    static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
