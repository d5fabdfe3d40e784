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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gateway.rateLimit.*}: the gateway's call limits, the Redis they are shared through, and the replica guard. */
class RateLimitChartTests {

    private static final Path RATE_LIMIT_VALUES = Chart.DIRECTORY.resolve("ci/rate-limit-values.yaml");
    private static final String GATEWAY = "mcp-mcp-tenant-gateway-gateway";

    @Test
    void leavesLimitsAndRedisOutByDefault() {
        List<HasMetadata> resources = Chart.render(null);

        assertThat(gatewayEnv(resources)).extracting(EnvVar::getName)
                .noneMatch(name -> name.startsWith("MCPGATEWAY_RATE_LIMIT_") || name.startsWith("SPRING_DATA_REDIS_"));
        assertThat(ports(gatewayEgress(resources))).doesNotContain(6379);
    }

    @Test
    void passesTheLimitsToTheGatewayByRelaxedBindingNames() {
        Map<String, String> env = ChartRenderingTests.env(gatewayContainer(Chart.render(RATE_LIMIT_VALUES)));

        assertThat(env).containsEntry("MCPGATEWAY_RATE_LIMIT_STORE", "redis")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_FAIL_CLOSED", "false")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_PER_USER_REQUESTS_PER_SECOND", "20")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_PER_USER_BURST", "40")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_TENANT_REQUESTS_PER_SECOND", "500")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_TENANT_BURST", "1000")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_MAX_CONCURRENT_CALLS", "32");
    }

    @Test
    void documentsDefaultsThatAnInteractiveChatNeverReaches() {
        Map<String, String> env = ChartRenderingTests.env(gatewayContainer(Chart.render(null, Map.of(
                "gateway.rateLimit.enabled", "true", "gateway.rateLimit.redis.url", "redis://redis:6379"))));

        assertThat(env).containsEntry("MCPGATEWAY_RATE_LIMIT_PER_USER_REQUESTS_PER_SECOND", "50")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_PER_USER_BURST", "100")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_TENANT_REQUESTS_PER_SECOND", "0")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_MAX_CONCURRENT_CALLS", "64")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_STORE", "redis");
    }

    @Test
    void connectsToTheExistingRedisWithThePasswordFromItsSecret() {
        List<EnvVar> env = gatewayEnv(Chart.render(RATE_LIMIT_VALUES));
        Map<String, String> values = new HashMap<>();
        env.forEach(e -> values.put(e.getName(), e.getValue()));

        assertThat(values).containsEntry("SPRING_DATA_REDIS_HOST", "redis-master.redis.svc")
                .containsEntry("SPRING_DATA_REDIS_PORT", "6380")
                .containsEntry("SPRING_DATA_REDIS_DATABASE", "2")
                .containsEntry("SPRING_DATA_REDIS_USERNAME", "mcp-gateway")
                .containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "false")
                .as("Spring Boot ignores spring.data.redis.password when a URL is set").doesNotContainKey("SPRING_DATA_REDIS_URL");
        EnvVar password = env.stream().filter(e -> e.getName().equals("SPRING_DATA_REDIS_PASSWORD")).findFirst().orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mcp-gateway-redis");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }

    @Test
    void usesTlsAndTheDefaultPortForARedissUrlWithoutPortAndNoPasswordWithoutSecret() {
        Map<String, String> env = ChartRenderingTests.env(gatewayContainer(Chart.render(null, Map.of(
                "gateway.rateLimit.enabled", "true", "gateway.rateLimit.redis.url", "rediss://redis.example.org"))));

        assertThat(env).containsEntry("SPRING_DATA_REDIS_HOST", "redis.example.org")
                .containsEntry("SPRING_DATA_REDIS_PORT", "6379")
                .containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "true")
                .doesNotContainKeys("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_DATABASE", "SPRING_DATA_REDIS_USERNAME");
    }

    @Test
    void tellsTheInstallerWhichRedisSecretToProvide() {
        String output = Chart.helm().install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).withValuesFile(RATE_LIMIT_VALUES).clientOnly().dryRun().call()
                .getOutput();

        assertThat(output).contains("- mcp-gateway-redis: key \"password\" (password of the Redis at"
                + " redis://mcp-gateway@redis-master.redis.svc:6380/2");
    }

    @Test
    void letsTheGatewayReachRedisThroughItsNetworkPolicy() {
        List<NetworkPolicyEgressRule> egress = gatewayEgress(Chart.render(RATE_LIMIT_VALUES));

        NetworkPolicyEgressRule redis = egress.stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 6380))
                .findFirst().orElseThrow();
        assertThat(redis.getTo()).singleElement().satisfies(peer -> assertThat(
                peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "redis"));
        assertThat(ports(gatewayEgress(Chart.render(null, Map.of("gateway.rateLimit.enabled", "true",
                "gateway.rateLimit.store", "memory", "gateway.replicaCount", "1"))))).doesNotContain(6379);
    }

    @Test
    void refusesMemoryBucketsOnSeveralReplicasBecauseTheLimitWouldMultiply() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("gateway.rateLimit.enabled", "true",
                "gateway.rateLimit.store", "memory")))
                .hasMessageContaining("gateway.rateLimit.store is memory, but the gateway runs up to 2 replicas"
                        + " (gateway.replicaCount)")
                .hasMessageContaining("the limit would multiply by the replica count");
        assertThatThrownBy(() -> Chart.template(Chart.DIRECTORY.resolve("ci/autoscaling-values.yaml"), Map.of(
                "gateway.rateLimit.enabled", "true", "gateway.rateLimit.store", "memory", "gateway.replicaCount", "1")))
                .hasMessageContaining("up to 12 replicas (gateway.autoscaling.maxReplicas)");

        Map<String, String> single = ChartRenderingTests.env(gatewayContainer(Chart.render(null, Map.of(
                "gateway.rateLimit.enabled", "true", "gateway.rateLimit.store", "memory", "gateway.replicaCount", "1"))));
        assertThat(single).containsEntry("MCPGATEWAY_RATE_LIMIT_STORE", "memory").doesNotContainKey("SPRING_DATA_REDIS_HOST");
        Map<String, String> concurrencyOnly = ChartRenderingTests.env(gatewayContainer(Chart.render(null, Map.of(
                "gateway.rateLimit.enabled", "true", "gateway.rateLimit.store", "memory",
                "gateway.rateLimit.perUser.requestsPerSecond", "0", "gateway.rateLimit.perUser.burst", "0"))));
        assertThat(concurrencyOnly).as("a per-replica bulkhead does not multiply")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_MAX_CONCURRENT_CALLS", "64");
    }

    @Test
    void refusesTheRedisStoreWithoutAUrl() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("gateway.rateLimit.enabled", "true")))
                .hasMessageContaining("gateway.rateLimit.redis.url is empty, but gateway.rateLimit.store is redis");
    }

    @Test
    void refusesABurstBelowTheRate() {
        assertThatThrownBy(() -> Chart.template(RATE_LIMIT_VALUES, Map.of("gateway.rateLimit.tenant.burst", "100")))
                .hasMessageContaining("gateway.rateLimit.tenant.burst (100) must be at least"
                        + " gateway.rateLimit.tenant.requestsPerSecond (500)");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "gateway.rateLimit.store | disk | store",
            "gateway.rateLimit.maxConcurrentCalls | -1 | maxConcurrentCalls",
            "gateway.rateLimit.perUser.requestsPerSecond | 2000000 | requestsPerSecond",
            "gateway.rateLimit.redis.url | redis://:secret@redis:6379 | url",
            "gateway.rateLimit.redis.url | http://redis:6379 | url",
            "networkPolicy.redisPort | 0 | redisPort",
            "metrics.prometheusRule.rateLimitedFor | ten minutes | rateLimitedFor",
    })
    void rejectsBadRateLimitValuesWithTheSchema(String key, String value, String named) {
        assertThatThrownBy(() -> Chart.template(null, Map.of(key, value)))
                .hasMessageContaining("schema")
                .hasMessageContaining(named);
    }

    private static Container gatewayContainer(List<HasMetadata> resources) {
        Deployment gateway = ChartRenderingTests.named(ChartRenderingTests.ofKind(resources, Deployment.class), GATEWAY);
        return gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<EnvVar> gatewayEnv(List<HasMetadata> resources) {
        return gatewayContainer(resources).getEnv();
    }

    private static List<NetworkPolicyEgressRule> gatewayEgress(List<HasMetadata> resources) {
        return ChartRenderingTests.named(ChartRenderingTests.ofKind(resources, NetworkPolicy.class), GATEWAY)
                .getSpec().getEgress();
    }

    private static List<Integer> ports(List<NetworkPolicyEgressRule> rules) {
        return rules.stream().flatMap(rule -> rule.getPorts().stream()).map(port -> port.getPort().getIntVal()).toList();
    }
}
