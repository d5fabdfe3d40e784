package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders the chart with real Helm for the defaults and every ci/*-values.yaml and checks what a reviewer would. */
class ChartRenderingTests {

    static List<Path> valuesFiles() throws Exception {
        return Chart.valuesFiles();
    }

    @Test
    void passesStrictLint() {
        LintResult result = Chart.helm().lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void tellsTheInstallerWhichSecretsAndVaultRolesToProvide() {
        String output = Chart.helm().install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).clientOnly().dryRun().call().getOutput();

        assertThat(output).contains("NOTES:", "mcp-tenant-gateway-database", "mcp-tenant-gateway-identity",
                "role \"mcp-gateway\" bound to ServiceAccount mcp-mcp-tenant-gateway-gateway",
                "key \"mcp-session-key\" (required: the MCP session key",
                "helm test mcp --namespace mcp-gateway",
                "http://mcp-mcp-tenant-gateway-gateway.mcp-gateway.svc:8080/tools/<tenant>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void rendersOnlyKnownKindsAndFields(Path valuesFile) {
        List<HasMetadata> resources = Chart.render(valuesFile);

        assertThat(resources).isNotEmpty();
        for (HasMetadata resource : resources) {
            String id = resource.getKind() + "/" + resource.getMetadata().getName();
            assertThat(resource).as(id + " must be a kind the model knows").isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(UnknownFields.in(resource)).as("unknown fields in " + id).isEmpty();
            assertThat(resource.getMetadata().getLabels()).as(id + " labels")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsKey("helm.sh/chart");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void runsEveryPodNonRootWithReadOnlyRootAndNoPrivileges(Path valuesFile) {
        List<HasMetadata> resources = Chart.render(valuesFile);

        Map<String, PodSpec> pods = podSpecs(resources);
        assertThat(pods).isNotEmpty();
        pods.forEach((id, pod) -> {
            assertThat(pod.getAutomountServiceAccountToken()).as(id + " automounts API credentials").isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(id).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(id).isEqualTo("RuntimeDefault");
            for (Container container : pod.getContainers()) {
                String where = id + " container " + container.getName();
                var context = container.getSecurityContext();
                assertThat(context.getRunAsNonRoot()).as(where).isTrue();
                assertThat(context.getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(context.getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(context.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                assertThat(context.getCapabilities().getAdd()).as(where).isNullOrEmpty();
                assertThat(container.getVolumeMounts()).as(where + " /tmp")
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
                assertThat(container.getResources().getLimits()).as(where).containsKey("memory");
            }
            assertThat(pod.getVolumes()).as(id).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo("tmp");
                assertThat(volume.getEmptyDir()).isNotNull();
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void probesEachAppOnItsActuatorHealthGroups(Path valuesFile) {
        List<Deployment> deployments = ofKind(Chart.render(valuesFile), Deployment.class);

        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(fullname(valuesFile) + "-gateway", fullname(valuesFile) + "-tenant-admin");
        for (Deployment deployment : deployments) {
            Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(path(app.getStartupProbe())).isEqualTo("/actuator/health/liveness");
            assertThat(path(app.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
            assertThat(path(app.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
            for (Probe probe : List.of(app.getStartupProbe(), app.getLivenessProbe(), app.getReadinessProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
            }
            int managementPort = app.getName().equals("gateway") ? 8081 : 8091;
            assertThat(app.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                    .containsExactly("http:" + (app.getName().equals("gateway") ? 8080 : 8090), "management:" + managementPort);
            assertThat(env(app)).containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void servesTheActuatorOnlyThroughTheManagementServices(Path valuesFile) {
        List<HasMetadata> resources = Chart.render(valuesFile);

        for (Service service : ofKind(resources, Service.class)) {
            boolean management = service.getMetadata().getName().endsWith("-management");
            assertThat(service.getSpec().getPorts()).as(service.getMetadata().getName())
                    .singleElement().satisfies(port -> assertThat(port.getTargetPort().getStrVal())
                            .isEqualTo(management ? "management" : "http"));
        }
        for (Ingress ingress : ofKind(resources, Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path ->
                    assertThat(path.getBackend().getService().getName()).doesNotEndWith("-management")));
        }
        for (ServiceMonitor monitor : ofKind(resources, ServiceMonitor.class)) {
            assertThat(monitor.getSpec().getSelector().getMatchLabels()).containsEntry("mcp-tenant-gateway.dev/port", "management");
            assertThat(monitor.getSpec().getEndpoints()).singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.getPort()).isEqualTo("management"));
            List<String> scraped = ofKind(resources, Service.class).stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
                    .map(s -> s.getMetadata().getName()).toList();
            assertThat(scraped).allSatisfy(name -> assertThat(name).endsWith("-management")).hasSize(2);
        }
    }

    @Test
    void admitsTheManagementPortOnlyFromTheMonitoringPeersAndTheReleaseTests() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/monitoring-values.yaml"));

        for (String app : List.of("gateway", "tenant-admin")) {
            NetworkPolicy policy = named(ofKind(resources, NetworkPolicy.class), "mcp-mcp-tenant-gateway-" + app);
            List<NetworkPolicyIngressRule> management = policy.getSpec().getIngress().stream()
                    .filter(rule -> rule.getPorts().stream().anyMatch(p -> "management".equals(p.getPort().getStrVal())))
                    .toList();
            assertThat(management).as(policy.getMetadata().getName()).singleElement().satisfies(rule -> {
                assertThat(rule.getPorts()).singleElement();
                assertThat(rule.getFrom()).hasSize(2);
                assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", "monitoring");
                assertThat(rule.getFrom().get(1).getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "test");
            });
        }
    }

    @Test
    void letsCallsFinishOnShutdown() throws Exception {
        Deployment gateway = named(ofKind(Chart.render(null), Deployment.class), "mcp-mcp-tenant-gateway-gateway");
        Deployment tenantAdmin = named(ofKind(Chart.render(null), Deployment.class), "mcp-mcp-tenant-gateway-tenant-admin");
        Map<String, Object> gatewayYml = new org.yaml.snakeyaml.Yaml().load(java.nio.file.Files.readString(AppEnvironment.applicationYml("gateway")));
        long responseTimeout = seconds(at(gatewayYml, "spring.cloud.gateway.server.webflux.httpclient.response-timeout"));
        long shutdownPhase = seconds(at(gatewayYml, "spring.lifecycle.timeout-per-shutdown-phase"));
        assertThat(shutdownPhase).as("Spring's shutdown phase covers a whole tool call").isGreaterThanOrEqualTo(responseTimeout);

        for (Deployment deployment : List.of(gateway, tenantAdmin)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            List<String> preStop = pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop).containsExactly("sleep", "10");
            long phase = deployment == gateway ? shutdownPhase : 30;
            assertThat(pod.getTerminationGracePeriodSeconds()).as(deployment.getMetadata().getName())
                    .isGreaterThanOrEqualTo(10 + phase);
        }
    }

    @Test
    void spreadsGatewayReplicasOverNodesSoftlyByDefault() {
        Deployment gateway = named(ofKind(Chart.render(null), Deployment.class), "mcp-mcp-tenant-gateway-gateway");

        assertThat(gateway.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.getLabelSelector().getMatchLabels()).isEqualTo(gateway.getSpec().getSelector().getMatchLabels());
        });
        Deployment own = named(ofKind(Chart.render(null, Map.of("gateway.topologySpreadConstraints[0].maxSkew", "2",
                "gateway.topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone",
                "gateway.topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule")), Deployment.class),
                "mcp-mcp-tenant-gateway-gateway");
        assertThat(own.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
                .satisfies(spread -> assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
    }

    @Test
    void givesTheMigrationJobExtraEnv() {
        Job job = ofKind(Chart.render(null, Map.of("migration.extraEnv[0].name", "JAVA_TOOL_OPTIONS",
                "migration.extraEnv[0].value", "-Djavax.net.ssl.trustStore=/certs/db.jks")), Job.class).get(0);

        assertThat(env(job.getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=/certs/db.jks");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> yaml, String path) {
        Object node = yaml;
        for (String key : path.split("\\.")) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    private static long seconds(Object duration) {
        return java.time.Duration.parse("PT" + String.valueOf(duration).toUpperCase(java.util.Locale.ROOT)).toSeconds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void selectsPodsOnlyByStableLabels(Path valuesFile) {
        List<HasMetadata> resources = Chart.render(valuesFile);

        List<Map<String, String>> selectors = new ArrayList<>();
        for (Deployment deployment : ofKind(resources, Deployment.class)) {
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
            selectors.add(selector);
        }
        ofKind(resources, Service.class).forEach(s -> selectors.add(s.getSpec().getSelector()));
        ofKind(resources, PodDisruptionBudget.class).forEach(p -> selectors.add(p.getSpec().getSelector().getMatchLabels()));
        ofKind(resources, NetworkPolicy.class).forEach(n -> selectors.add(n.getSpec().getPodSelector().getMatchLabels()));
        ofKind(resources, ServiceMonitor.class).forEach(m -> selectors.add(m.getSpec().getSelector().getMatchLabels()));

        assertThat(selectors).isNotEmpty().allSatisfy(selector -> assertThat(selector)
                .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance")
                .doesNotContainKeys("helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/managed-by"));
        for (Service service : ofKind(resources, Service.class)) {
            List<String> matching = ofKind(resources, Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet()))
                    .map(d -> d.getMetadata().getName())
                    .toList();
            assertThat(matching).as("Deployments behind Service " + service.getMetadata().getName())
                    .containsExactly(service.getMetadata().getName().replaceFirst("-management$", ""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void setsOnlyEnvironmentVariablesTheAppsRead(Path valuesFile) {
        List<Deployment> deployments = ofKind(Chart.render(valuesFile), Deployment.class);

        for (Deployment deployment : deployments) {
            Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            boolean gateway = app.getName().equals("gateway");
            Set<String> read = gateway ? AppEnvironment.gateway() : AppEnvironment.tenantAdmin();
            assertThat(env(app).keySet()).as(app.getName()).allSatisfy(name ->
                    assertThat(AppEnvironment.isRead(name, read)).as(name + " is read by " + app.getName()).isTrue());
            assertThat(env(app)).as(app.getName()).containsEntry("PORT", String.valueOf(app.getPorts().get(0).getContainerPort()));
        }
    }

    @Test
    void limitsGatewayEgressToDnsDatabaseVaultAndBackends() {
        List<HasMetadata> resources = Chart.render(null);

        NetworkPolicy gateway = named(ofKind(resources, NetworkPolicy.class), "mcp-mcp-tenant-gateway-gateway");
        assertThat(gateway.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        List<NetworkPolicyEgressRule> egress = gateway.getSpec().getEgress();
        assertThat(egress).allSatisfy(rule -> assertThat(rule.getPorts()).as("a rule without ports opens every port").isNotEmpty());
        assertThat(ports(egress)).containsExactlyInAnyOrder("53/UDP", "53/TCP", "5432/TCP", "8200/TCP", "443/TCP", "80/TCP");
        assertThat(egress.get(egress.size() - 1).getTo()).as("tool servers: anywhere but link-local (cloud metadata)")
                .singleElement().satisfies(peer -> {
                    assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
                    assertThat(peer.getIpBlock().getExcept()).containsExactly("169.254.0.0/16");
                });
        assertThat(egress.get(0).getTo()).singleElement().satisfies(dns -> {
            assertThat(dns.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "kube-system");
            assertThat(dns.getPodSelector().getMatchLabels()).containsEntry("k8s-app", "kube-dns");
        });

        NetworkPolicy tenantAdmin = named(ofKind(resources, NetworkPolicy.class), "mcp-mcp-tenant-gateway-tenant-admin");
        assertThat(ports(tenantAdmin.getSpec().getEgress()))
                .as("tenant-admin never calls tenant backends")
                .containsExactlyInAnyOrder("53/UDP", "53/TCP", "5432/TCP", "8200/TCP");
    }

    @Test
    void narrowsEgressToTheConfiguredPeers() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/vault-token-values.yaml"));

        NetworkPolicy gateway = named(ofKind(resources, NetworkPolicy.class), "mcp-mcp-tenant-gateway-gateway");
        assertThat(gateway.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
        assertThat(ports(gateway.getSpec().getEgress())).containsExactlyInAnyOrder("53/UDP", "53/TCP", "5432/TCP", "8200/TCP", "8000/TCP");
    }

    @Test
    void admitsGatewayCallersOnlyFromConfiguredPeersAndTheReleaseTests() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/ingress-values.yaml"));

        NetworkPolicy gateway = named(ofKind(resources, NetworkPolicy.class), "mcp-mcp-tenant-gateway-gateway");
        assertThat(gateway.getSpec().getIngress()).first().satisfies(rule -> {
            assertThat(rule.getFrom()).hasSize(3);
            assertThat(rule.getFrom().get(2).getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "test");
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
        });
    }

    @Test
    void migratesTheSchemaInAHookBeforeAnyPodRolls() {
        List<HasMetadata> resources = Chart.render(null);

        Job job = ofKind(resources, Job.class).get(0);
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
        Container migrate = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(migrate.getCommand()).contains("dev.mcpgateway.db.MigrateDatabase");
        assertThat(migrate.getImage()).startsWith("mcp-tenant-gateway/tenant-admin:");
        assertThat(env(migrate)).containsKeys("DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD");
        NetworkPolicy jobPolicy = named(ofKind(resources, NetworkPolicy.class), "mcp-mcp-tenant-gateway-migration");
        assertThat(Integer.parseInt(jobPolicy.getMetadata().getAnnotations().get("helm.sh/hook-weight")))
                .isLessThan(Integer.parseInt(job.getMetadata().getAnnotations().get("helm.sh/hook-weight")));

        Deployment gateway = named(ofKind(resources, Deployment.class), "mcp-mcp-tenant-gateway-gateway");
        Deployment tenantAdmin = named(ofKind(resources, Deployment.class), "mcp-mcp-tenant-gateway-tenant-admin");
        assertThat(env(gateway.getSpec().getTemplate().getSpec().getContainers().get(0))).containsEntry("MCPGATEWAY_MIGRATE", "false");
        assertThat(env(tenantAdmin.getSpec().getTemplate().getSpec().getContainers().get(0))).containsEntry("SPRING_FLYWAY_ENABLED", "false");
    }

    @Test
    void letsTenantAdminMigrateWhenTheJobIsOff() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/minimal-values.yaml"));

        assertThat(ofKind(resources, Job.class)).isEmpty();
        Deployment tenantAdmin = named(ofKind(resources, Deployment.class), "mcp-tenant-admin");
        assertThat(env(tenantAdmin.getSpec().getTemplate().getSpec().getContainers().get(0))).containsEntry("SPRING_FLYWAY_ENABLED", "true");
    }

    @Test
    void logsInToVaultWithAProjectedServiceAccountTokenPerComponent() {
        List<HasMetadata> resources = Chart.render(null);

        Deployment gateway = named(ofKind(resources, Deployment.class), "mcp-mcp-tenant-gateway-gateway");
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();
        Map<String, String> env = env(pod.getContainers().get(0));
        assertThat(env).containsEntry("VAULT_ENABLED", "true")
                .containsEntry("SPRING_CLOUD_VAULT_AUTHENTICATION", "KUBERNETES")
                .containsEntry("SPRING_CLOUD_VAULT_KUBERNETES_ROLE", "mcp-gateway")
                .containsEntry("SPRING_CLOUD_VAULT_KUBERNETES_KUBERNETES_PATH", "kubernetes")
                .containsEntry("SPRING_CLOUD_VAULT_KUBERNETES_SERVICE_ACCOUNT_TOKEN_FILE", "/var/run/secrets/vault/token")
                .doesNotContainKey("VAULT_TOKEN");
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals("vault-token")).singleElement()
                .satisfies(volume -> assertThat(volume.getProjected().getSources().get(0).getServiceAccountToken().getPath())
                        .isEqualTo("token"));
        assertThat(pod.getServiceAccountName()).isEqualTo("mcp-mcp-tenant-gateway-gateway");
        assertThat(ofKind(resources, ServiceAccount.class)).extracting(sa -> sa.getMetadata().getName())
                .containsExactlyInAnyOrder("mcp-mcp-tenant-gateway-gateway", "mcp-mcp-tenant-gateway-tenant-admin");
    }

    @Test
    void readsEverySecretFromExistingSecretsOnly() {
        List<HasMetadata> resources = Chart.render(Chart.DIRECTORY.resolve("ci/vault-token-values.yaml"));

        assertThat(resources).noneSatisfy(r -> assertThat(r.getKind()).isEqualTo("Secret"));
        Deployment gateway = named(ofKind(resources, Deployment.class), "mcp-mcp-tenant-gateway-gateway");
        var byName = gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(e -> e.getName(), e -> e));
        for (String secret : List.of("DATABASE_PASSWORD", "VAULT_TOKEN", "OPENWEBUI_JWT_SECRET", "MCPGATEWAY_CLIENT_KEYS",
                "MCPGATEWAY_MCP_SESSION_KEY")) {
            assertThat(byName.get(secret).getValue()).as(secret).isNull();
            assertThat(byName.get(secret).getValueFrom().getSecretKeyRef()).as(secret).isNotNull();
        }
        assertThat(byName.get("VAULT_TOKEN").getValueFrom().getSecretKeyRef().getName()).isEqualTo("mcp-gateway-vault-token");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void givesSeveralGatewayReplicasOneMcpSessionKeyFromASecret(Path valuesFile) {
        List<HasMetadata> resources = Chart.render(valuesFile);

        Deployment gateway = named(ofKind(resources, Deployment.class), fullname(valuesFile) + "-gateway");
        List<HorizontalPodAutoscaler> autoscalers = ofKind(resources, HorizontalPodAutoscaler.class);
        int replicas = autoscalers.isEmpty() ? gateway.getSpec().getReplicas() : autoscalers.get(0).getSpec().getMaxReplicas();
        List<EnvVar> sessionKey = envVars(gateway.getSpec().getTemplate().getSpec().getContainers().get(0), SESSION_KEY);
        if (replicas > 1) {
            assertThat(sessionKey).as("%s on %d gateway replicas", SESSION_KEY, replicas).singleElement().satisfies(env -> {
                assertThat(env.getValue()).isNull();
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
                assertThat(env.getValueFrom().getSecretKeyRef().getOptional()).as("optional").isNotEqualTo(Boolean.TRUE);
            });
        } else {
            assertThat(sessionKey).as(SESSION_KEY + " on one replica (the minimal values leave it out)").hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void readsTheMcpSessionKeyFromTheConfiguredKeyOfTheIdentitySecret() {
        assertThat(sessionKeyRef(Map.of())).satisfies(ref -> {
            assertThat(ref.getName()).isEqualTo("mcp-tenant-gateway-identity");
            assertThat(ref.getKey()).isEqualTo("mcp-session-key");
            assertThat(ref.getOptional()).as("a missing key stops the pod instead of giving it a key of its own").isNull();
        });
        assertThat(sessionKeyRef(Map.of("gateway.identity.existingSecret", "gateway-secrets",
                "gateway.identity.mcpSessionKeyKey", "session.key"))).satisfies(ref -> {
            assertThat(ref.getName()).isEqualTo("gateway-secrets");
            assertThat(ref.getKey()).isEqualTo("session.key");
        });
    }

    @Test
    void refusesSeveralGatewayReplicasWithoutAnMcpSessionKey() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("gateway.identity.mcpSessionKeyKey", "")))
                .hasMessageContaining("gateway.identity.mcpSessionKeyKey is empty, but the gateway runs up to 2 replicas (gateway.replicaCount)")
                .hasMessageContaining("/mcp sessions break")
                .hasMessageContaining("Secret mcp-tenant-gateway-identity");
        assertThatThrownBy(() -> Chart.template(Chart.DIRECTORY.resolve("ci/autoscaling-values.yaml"),
                Map.of("gateway.identity.mcpSessionKeyKey", "", "gateway.replicaCount", "1")))
                .hasMessageContaining("the gateway runs up to 12 replicas (gateway.autoscaling.maxReplicas)");

        Deployment single = gatewayDeployment(Map.of("gateway.identity.mcpSessionKeyKey", "", "gateway.replicaCount", "1"));
        assertThat(envVars(single.getSpec().getTemplate().getSpec().getContainers().get(0), SESSION_KEY))
                .as("one replica may use a random key of its own").isEmpty();
    }

    @Test
    void takesTheMcpSessionKeyFromExtraEnvOnlyInsteadOfTheIdentitySecret() {
        Map<String, String> extraEnv = Map.of("gateway.extraEnv[0].name", SESSION_KEY,
                "gateway.extraEnv[0].valueFrom.secretKeyRef.name", "mcp-sessions",
                "gateway.extraEnv[0].valueFrom.secretKeyRef.key", "key");

        Map<String, String> instead = new java.util.HashMap<>(extraEnv);
        instead.put("gateway.identity.mcpSessionKeyKey", "");
        Deployment gateway = gatewayDeployment(instead);
        assertThat(envVars(gateway.getSpec().getTemplate().getSpec().getContainers().get(0), SESSION_KEY)).singleElement()
                .satisfies(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mcp-sessions"));

        assertThatThrownBy(() -> Chart.template(null, extraEnv))
                .hasMessageContaining("gateway.extraEnv sets MCPGATEWAY_MCP_SESSION_KEY")
                .hasMessageContaining("remove the gateway.extraEnv entry");
    }

    @Test
    void checksBothAppsReadinessInHelmTest() {
        List<Pod> tests = ofKind(Chart.render(null), Pod.class);

        assertThat(tests).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
            assertThat(pod.getSpec().getContainers().get(0).getCommand()).last().asString()
                    .matches("http://mcp-mcp-tenant-gateway-(gateway-management:8081|tenant-admin-management:8091)/actuator/health/readiness");
        });
    }

    @Test
    void rendersOptionalObjectsOnlyWhenAskedFor() {
        Set<String> defaults = kinds(Chart.render(null));
        Set<String> everything = new TreeSet<>();
        for (String file : List.of("ingress", "autoscaling", "monitoring")) {
            everything.addAll(kinds(Chart.render(Chart.DIRECTORY.resolve("ci/" + file + "-values.yaml"))));
        }

        assertThat(defaults).doesNotContain("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule", "ConfigMap");
        assertThat(everything).contains("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule", "ConfigMap");
        Deployment scaled = named(ofKind(Chart.render(Chart.DIRECTORY.resolve("ci/autoscaling-values.yaml")), Deployment.class),
                "mcp-mcp-tenant-gateway-gateway");
        assertThat(scaled.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
    }

    private static final String SESSION_KEY = "MCPGATEWAY_MCP_SESSION_KEY";

    private static Deployment gatewayDeployment(Map<String, String> sets) {
        return named(ofKind(Chart.render(null, sets), Deployment.class), "mcp-mcp-tenant-gateway-gateway");
    }

    private static SecretKeySelector sessionKeyRef(Map<String, String> sets) {
        List<EnvVar> env = envVars(gatewayDeployment(sets).getSpec().getTemplate().getSpec().getContainers().get(0), SESSION_KEY);
        assertThat(env).as(SESSION_KEY).hasSize(1);
        assertThat(env.get(0).getValue()).as(SESSION_KEY + " value").isNull();
        return env.get(0).getValueFrom().getSecretKeyRef();
    }

    private static List<EnvVar> envVars(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).toList();
    }

    private static String fullname(Path valuesFile) {
        return valuesFile != null && valuesFile.endsWith("minimal-values.yaml") ? "mcp" : "mcp-mcp-tenant-gateway";
    }

    static Map<String, PodSpec> podSpecs(List<HasMetadata> resources) {
        Map<String, PodSpec> pods = new java.util.LinkedHashMap<>();
        ofKind(resources, Deployment.class).forEach(d -> pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        ofKind(resources, Job.class).forEach(j -> pods.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec()));
        ofKind(resources, Pod.class).forEach(p -> pods.put("Pod/" + p.getMetadata().getName(), p.getSpec()));
        return pods;
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> resources, Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> T named(List<T> resources, String name) {
        return resources.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " among " + resources.stream().map(r -> r.getMetadata().getName()).toList()));
    }

    static Map<String, String> env(Container container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private static String path(Probe probe) {
        return probe.getHttpGet().getPath();
    }

    private static List<String> ports(List<NetworkPolicyEgressRule> rules) {
        List<String> ports = new ArrayList<>();
        for (NetworkPolicyEgressRule rule : rules) {
            for (NetworkPolicyPort port : rule.getPorts()) {
                ports.add(port.getPort().getIntVal() + "/" + port.getProtocol());
            }
        }
        return ports;
    }

    private static Set<String> kinds(List<HasMetadata> resources) {
        return resources.stream().map(HasMetadata::getKind).collect(Collectors.toCollection(TreeSet::new));
    }
}
