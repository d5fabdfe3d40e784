package dev.mcpgateway.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart under test: renders it with real Helm and reads the result into the fabric8 Kubernetes model.
 * helm-java's template returns the release manifest without hooks, so rendering works on a copy of the chart whose
 * {@code helm.sh/hook} annotations are renamed; the parsed resources get the original annotation back. That way the
 * migration Job and the {@code helm test} pods are checked like every other resource.
 */
final class Chart {

    static final Path DIRECTORY = Paths.get("mcp-tenant-gateway").toAbsolutePath();
    static final String RELEASE = "mcp";
    static final String NAMESPACE = "mcp-gateway";
    static final String KUBE_VERSION = "1.31.0";

    private static final String HOOK = "helm.sh/hook";
    private static final String RENAMED_HOOK = "rendered-by-test.helm.sh/hook";
    private static Path withHooksAsManifests;

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    static Helm helm() {
        return new Helm(DIRECTORY);
    }

    private static synchronized Path withHooksAsManifests() throws IOException {
        if (withHooksAsManifests == null) {
            Path copy = Files.createTempDirectory("chart-with-hooks").resolve(DIRECTORY.getFileName());
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(DIRECTORY.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.getParent().startsWith(DIRECTORY.resolve("templates"))) {
                        Files.writeString(target, Files.readString(source).replace(HOOK, RENAMED_HOOK));
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            withHooksAsManifests = copy;
        }
        return withHooksAsManifests;
    }

    /** The default values (null) and every {@code ci/*-values.yaml}, each a supported combination of features. */
    static List<Path> valuesFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(null);
        try (Stream<Path> ci = Files.list(DIRECTORY.resolve("ci"))) {
            ci.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted().forEach(files::add);
        }
        return files;
    }

    static String name(Path valuesFile) {
        return valuesFile == null ? "default values" : valuesFile.getFileName().toString();
    }

    /** {@code helm template} with the given values file (null: defaults) and {@code --set} pairs. */
    static String template(Path valuesFile, Map<String, String> sets) {
        Path chart;
        try {
            chart = withHooksAsManifests();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TemplateCommand command = new Helm(chart).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** Every rendered document, typed by the fabric8 model (unknown kinds stay generic, unknown fields are kept aside). */
    static List<HasMetadata> render(Path valuesFile, Map<String, String> sets) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(template(valuesFile, sets))) {
            if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            HasMetadata resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
            Map<String, String> annotations = resource.getMetadata().getAnnotations();
            if (annotations != null) {
                Map<String, String> restored = new LinkedHashMap<>();
                annotations.forEach((key, value) -> restored.put(key.replace(RENAMED_HOOK, HOOK), value));
                resource.getMetadata().setAnnotations(restored);
            }
            resources.add(resource);
        }
        return resources;
    }

    static List<HasMetadata> render(Path valuesFile) {
        return render(valuesFile, Map.of());
    }
}
