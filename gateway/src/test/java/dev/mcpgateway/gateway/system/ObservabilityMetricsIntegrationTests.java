package dev.mcpgateway.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.mcpgateway.gateway.audit.CallOutcome;
import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The Helm chart's Grafana dashboard and PrometheusRule (helm/mcp-tenant-gateway) only name metrics, and label
 * values, that this gateway really exports: after a few calls, every {@code mcpgateway_*} series they query is on
 * {@code /actuator/prometheus}. Renaming a metric without updating the assets fails here. A per-person limit of one
 * call makes john's second call a limited one, so the rate-limit series exist too.
 */
@TestPropertySource(properties = {"mcpgateway.rate-limit.per-user.requests-per-second=1",
        "mcpgateway.rate-limit.per-user.burst=1"})
class ObservabilityMetricsIntegrationTests extends GatewayIntegrationTest {

    private static final Path CHART = Paths.get("..", "helm", "mcp-tenant-gateway");
    private static final Pattern METRIC = Pattern.compile("\\b(mcpgateway_[a-z_]+)(\\{([^}]*)})?");
    private static final Pattern EXACT_LABEL = Pattern.compile("\\b([a-z_]+)\\s*=\\s*\\\\?\"([a-z_]+)\\\\?\"");

    /** A metric an asset queries, with the exact label values it selects on (variables and regexes left out). */
    record Query(String metric, List<String> labels) {
    }

    @Test
    void exportsEveryMetricAndLabelValueTheDashboardAndAlertsQuery() throws IOException {
        call("/tools/google/read_file", "john@company.com");
        call("/tools/google/read_file", "john@company.com");
        call("/tools/google/move_file", "reader@google.com");
        call("/tools/google/write_file", "nobody@example.org");

        String scrape = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        List<Query> queries = queries();
        assertThat(queries).extracting(Query::metric).contains("mcpgateway_requests_seconds_count",
                "mcpgateway_requests_seconds_bucket", "mcpgateway_vault_cache_total", "mcpgateway_audit_dropped_total");
        for (Query query : queries) {
            List<String> samples = scrape.lines().filter(line -> line.startsWith(query.metric() + "{")
                    || line.startsWith(query.metric() + " ")).toList();
            assertThat(samples).as(query.metric() + " on /actuator/prometheus").isNotEmpty();
            for (String label : query.labels()) {
                if (label.startsWith("outcome=") && query.metric().startsWith("mcpgateway_requests_")) {
                    // an outcome these few calls cannot all produce (e.g. error) must still be one the gateway records
                    assertThat(Stream.of(CallOutcome.values()).map(o -> "outcome=\"" + o.value() + "\""))
                            .as(query.metric() + " with " + label).contains(label);
                } else {
                    assertThat(samples).as(query.metric() + " with " + label).anySatisfy(s -> assertThat(s).contains(label));
                }
            }
        }
    }

    @Test
    void logLevelChecksPassNoTurboFilter() {
        call("/tools/google/read_file", "john@company.com");

        // Micrometer's logback_events_total would hook a TurboFilter into Logback that every isDebugEnabled() of
        // Reactor Netty and Spring on the hot path then runs through (BENCHMARKS.md): left out on purpose.
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(logback.getTurboFilterList()).isEmpty();
        String scrape = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("mcpgateway_requests_seconds_count").doesNotContain("logback_events");
    }

    private void call(String path, String user) {
        client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"path\":\"/tmp/a\"}")
                .header(EMAIL_HEADER, user).exchange();
    }

    static List<Query> queries() throws IOException {
        List<Path> assets = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(CHART.resolve("dashboards"))) {
            dashboards.filter(p -> p.toString().endsWith(".json")).forEach(assets::add);
        }
        assets.add(CHART.resolve("templates/prometheusrule.yaml"));
        List<Query> queries = new ArrayList<>();
        for (Path asset : assets) {
            Matcher metric = METRIC.matcher(Files.readString(asset));
            while (metric.find()) {
                Set<String> labels = new TreeSet<>();
                if (metric.group(3) != null) {
                    Matcher label = EXACT_LABEL.matcher(metric.group(3));
                    while (label.find()) {
                        labels.add(label.group(1) + "=\"" + label.group(2) + "\"");
                    }
                }
                queries.add(new Query(metric.group(1), List.copyOf(labels)));
            }
        }
        return queries;
    }
}
