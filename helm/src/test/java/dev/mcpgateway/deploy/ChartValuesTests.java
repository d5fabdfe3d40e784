package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** values.schema.json describes every value and rejects the mistakes people make, before anything reaches a cluster. */
class ChartValuesTests {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "database.url | mysql://db:3306/mcp | url",
            "gateway.replicas | 3 | replicas",
            "gateway.securityContext.readOnlyRootFilesystem | false | readOnlyRootFilesystem",
            "tenantAdmin.securityContext.allowPrivilegeEscalation | true | allowPrivilegeEscalation",
            "gateway.podSecurityContext.runAsNonRoot | false | runAsNonRoot",
            "gateway.securityContext.capabilities.drop | {NET_RAW} | drop",
            "gateway.securityContext.capabilities.add | {NET_ADMIN} | add",
            "gateway.identity.mcpSessionKeyKey | mcp/session | mcpSessionKeyKey",
            "vault.authMethod | userpass | authMethod",
            "vault.authMethod | token | existingSecret",
            "tenantAdmin.oidc.enabled | true | issuerUri",
            "networkPolicy.databasePort | 70000 | databasePort",
            "gateway.image.digest | latest | digest",
            "gateway.image.pullPolicy | Sometimes | pullPolicy",
            "gateway.resources.limits.memory | lots | memory",
            "metrics.prometheusRule.errorRatioThreshold | 5 | errorRatioThreshold",
            "metrics.serviceMonitor.interval | 30 seconds | interval",
            "gateway.podSecurityContext.seccompProfile.type | Unconfined | type",
            "tenantAdmin.securityContext.seccompProfile.type | Unconfined | type",
            "gateway.securityContext.seccompProfile | null | seccompProfile",
            "tenantAdmin.podSecurityContext.seccompProfile | null | seccompProfile",
    })
    void rejectsBadValueWithTheSchema(String key, String value, String named) {
        assertThatThrownBy(() -> Chart.template(null, Map.of(key, value)))
                .hasMessageContaining("schema")
                .hasMessageContaining(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "tenantAdmin"})
    void refusesHostPathVolumesButAcceptsOthers(String component) {
        assertThatThrownBy(() -> Chart.template(null, Map.of(component + ".extraVolumes[0].name", "node",
                component + ".extraVolumes[0].hostPath.path", "/var/run")))
                .hasMessageContaining("schema")
                .hasMessageContaining("/" + component + "/extraVolumes/0");
        assertThat(Chart.template(null, Map.of(component + ".extraVolumes[0].name", "truststore",
                component + ".extraVolumes[0].secret.secretName", "truststore"))).contains("secretName: truststore");
    }

    @Test
    void acceptsTheDocumentedAlternatives() {
        assertThat(Chart.template(null, Map.of("vault.authMethod", "token", "vault.token.existingSecret", "vault-token")))
                .contains("name: VAULT_TOKEN");
        assertThat(Chart.template(null, Map.of("tenantAdmin.oidc.enabled", "true",
                "tenantAdmin.oidc.issuerUri", "https://sso.example.org/realms/x", "tenantAdmin.oidc.existingSecret", "oidc")))
                .contains("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_OIDC_ISSUER_URI");
    }

    @Test
    void describesEveryValueInTheSchema() throws Exception {
        Map<String, Object> values = new Yaml().load(Files.readString(Chart.DIRECTORY.resolve("values.yaml")));
        JsonNode schema = JsonMapper.builder().build().readTree(Chart.DIRECTORY.resolve("values.schema.json").toFile());

        List<String> missing = new ArrayList<>();
        walk(values, schema, "", missing);

        assertThat(missing).as("values without a schema entry").isEmpty();
    }

    @Test
    void closesEverySchemaObjectThatListsItsProperties() throws Exception {
        JsonNode schema = JsonMapper.builder().build().readTree(Chart.DIRECTORY.resolve("values.schema.json").toFile());

        List<String> open = new ArrayList<>();
        closed(schema, "", open);

        assertThat(open).as("objects with properties but without additionalProperties: false").isEmpty();
    }

    private static void walk(Map<String, Object> values, JsonNode schema, String path, List<String> missing) {
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JsonNode property = properties.path(entry.getKey());
            if (property.isMissingNode()) {
                missing.add(key);
            } else if (entry.getValue() instanceof Map<?, ?> child && property.has("properties")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) child;
                walk(nested, property, key, missing);
            }
        }
    }

    private static void closed(JsonNode schema, String path, List<String> open) {
        if (schema.has("properties")) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                open.add(path.isEmpty() ? "(root)" : path);
            }
            for (var property : schema.path("properties").properties()) {
                closed(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), open);
            }
        }
        if (schema.has("items")) {
            closed(schema.path("items"), path + "[]", open);
        }
    }
}
