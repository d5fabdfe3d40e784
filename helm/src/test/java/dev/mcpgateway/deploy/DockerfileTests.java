package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The images agree with the apps and the chart: port, non-root user, health check and the Spring Boot layers.
 * No Docker engine runs here, so PackagedGatewayIntegrationTests runs what the image would run from the same layout.
 */
class DockerfileTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway, gateway, 8080, 8081, 25", "tenant-admin, tenantAdmin, 8090, 8091, 17"})
    void buildsANonRootLayeredImageOnTheAppsPort(String app, String valuesKey, int port, int managementPort, int runtimeJdk)
            throws Exception {
        Dockerfile dockerfile = Dockerfile.of(app);

        // Built for Java 17 everywhere; the gateway runs on JDK 25, which serves more calls per CPU (BENCHMARKS.md).
        assertThat(dockerfile.instructions("FROM"))
                .containsExactly("eclipse-temurin:17-jdk AS build", "eclipse-temurin:" + runtimeJdk + "-jre");
        assertThat(dockerfile.instructions("RUN").get(0))
                .contains("./mvnw -B -ntp -pl " + app + " -am package")
                .contains("-Djarmode=tools -jar " + app + "/target/" + app + "-*.jar extract --layers --launcher")
                .contains("javac --release 17 -d /workspace/healthcheck docker/HealthCheck.java");
        assertThat(dockerfile.layers()).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(dockerfile.instructions("EXPOSE")).containsExactly(port + " " + managementPort);
        assertThat(dockerfile.instructions("ENV")).containsExactly("PORT=" + port + " MANAGEMENT_SERVER_PORT=" + managementPort);
        assertThat(dockerfile.instructions("HEALTHCHECK")).as("the health check asks the management port").singleElement().asString()
                .contains("\"HealthCheck\", \"/actuator/health/readiness\", \"" + managementPort + "\"");
        assertThat(dockerfile.entrypoint()).last().isEqualTo("org.springframework.boot.loader.launch.JarLauncher");

        Map<String, Object> values = chartValues(valuesKey);
        String user = dockerfile.instructions("USER").get(0);
        Map<?, ?> podSecurity = (Map<?, ?>) values.get("podSecurityContext");
        assertThat(user).isEqualTo(podSecurity.get("runAsUser") + ":" + podSecurity.get("runAsGroup"));
        assertThat(values.get("port")).isEqualTo(port);
        assertThat(values.get("managementPort")).isEqualTo(managementPort);
        assertThat(Files.readString(AppEnvironment.applicationYml(app))).contains("${PORT:" + port + "}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartValues(String key) throws Exception {
        Map<String, Object> values = new Yaml().load(Files.readString(Chart.DIRECTORY.resolve("values.yaml")));
        return (Map<String, Object>) values.get(key);
    }

    /** The instructions of an app's Dockerfile, with line continuations joined. */
    record Dockerfile(List<String> lines) {

        static Dockerfile of(String app) throws Exception {
            String text = Files.readString(AppEnvironment.REPOSITORY.resolve(app).resolve("Dockerfile"));
            List<String> lines = List.of(text.replaceAll("\\\\\n", " ").split("\n")).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
            return new Dockerfile(lines);
        }

        List<String> instructions(String keyword) {
            return lines.stream().filter(line -> line.startsWith(keyword + " "))
                    .map(line -> line.substring(keyword.length() + 1).trim().replaceAll("\\s+", " "))
                    .toList();
        }

        /** The Spring Boot layers copied into the runtime image, in order. */
        List<String> layers() {
            return instructions("COPY").stream()
                    .filter(copy -> copy.startsWith("--from=build /workspace/extracted/"))
                    .map(copy -> copy.substring("--from=build /workspace/extracted/".length()).split("/")[0])
                    .toList();
        }

        List<String> entrypoint() {
            return execForm(instructions("ENTRYPOINT").get(0));
        }

        /** The HEALTHCHECK's command, e.g. {@code [java, ..., HealthCheck, /actuator/health/readiness, 8080]}. */
        List<String> healthcheck() {
            String instruction = instructions("HEALTHCHECK").get(0);
            return execForm(instruction.substring(instruction.indexOf("CMD ") + 4));
        }

        private static List<String> execForm(String json) {
            return List.of(json.substring(1, json.length() - 1).split(",")).stream()
                    .map(part -> part.trim().replace("\"", ""))
                    .toList();
        }
    }
}
