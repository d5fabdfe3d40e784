package dev.mcpgateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Docker Compose itself resolves it: runs {@code docker-compose config} (Debian package
 * {@code docker-compose}; it works offline, without a Docker engine) and reads the interpolated result.
 */
final class Compose {

    /** Exit status and combined output of one docker-compose run. */
    record Result(int exitCode, String output) {
    }

    private Compose() {
    }

    static Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(AppEnvironment.REPOSITORY.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("docker-compose is missing: install the Debian package docker-compose "
                    + "(.ci/run does) to validate docker-compose.yml", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("docker-compose config did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    /** The services of the resolved file, by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws IOException, InterruptedException {
        Result result = run("config");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker-compose config failed:\n" + result.output());
        }
        Map<String, Object> file = new Yaml().load(result.output());
        return (Map<String, Map<String, Object>>) file.get("services");
    }

    /** A service's environment as a map (compose config prints it as a map). */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> environment.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    static List<String> command(Map<String, Object> service) {
        return ((List<Object>) service.get("command")).stream().map(String::valueOf).toList();
    }

    /** The container ports a service publishes, as "host:container". */
    @SuppressWarnings("unchecked")
    static List<String> ports(Map<String, Object> service) {
        List<String> ports = new ArrayList<>();
        for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
            if (port instanceof Map<?, ?> long_) {
                ports.add(long_.get("published") + ":" + long_.get("target"));
            } else {
                ports.add(String.valueOf(port));
            }
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Object raw = service.get("depends_on");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, spec) -> conditions.put(String.valueOf(name),
                    String.valueOf(((Map<String, Object>) spec).get("condition"))));
        }
        return conditions;
    }
}
