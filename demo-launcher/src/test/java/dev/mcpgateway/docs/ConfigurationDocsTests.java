package dev.mcpgateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md's tables against what each app really binds: the configuration metadata that
 * spring-boot-configuration-processor writes from the {@code @ConfigurationProperties} records (plus
 * {@code additional-spring-configuration-metadata.json}). Every {@code mcpgateway.*} property has exactly one row
 * under the app's heading, and the row's default is the metadata's.
 */
class ConfigurationDocsTests {

    static final Path REPOSITORY = Paths.get(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PROPERTY_ROW = Pattern.compile("^\\| `(mcpgateway\\.[a-z0-9.-]+)` \\|(.*)$");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway, ## Gateway", "tenant-admin, ## tenant-admin"})
    void tableHasARowForEveryMcpgatewayPropertyTheAppBinds(String app, String heading) throws IOException {
        Map<String, String> documented = documentedDefaults(heading);

        assertThat(metadataDefaults(app).keySet()).allSatisfy(property -> assertThat(documented)
                .as("docs/configuration.md, section '%s', has no row for %s: add | `%s` | ... |", heading, property, property)
                .containsKey(property));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway, ## Gateway", "tenant-admin, ## tenant-admin"})
    void tableDocumentsNoMcpgatewayPropertyTheAppDoesNotBind(String app, String heading) throws IOException {
        Map<String, String> bound = metadataDefaults(app);

        assertThat(documentedDefaults(heading).keySet()).allSatisfy(property -> assertThat(bound)
                .as("docs/configuration.md, section '%s', documents %s, which %s does not bind (renamed or removed?)",
                        heading, property, app)
                .containsKey(property));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway, ## Gateway", "tenant-admin, ## tenant-admin"})
    void tableDefaultsAreTheDefaultsTheAppUses(String app, String heading) throws IOException {
        Map<String, String> documented = documentedDefaults(heading);

        metadataDefaults(app).forEach((property, value) -> {
            if (value != null && documented.containsKey(property)) {
                assertThat(documented.get(property)).as("the default of %s in docs/configuration.md", property)
                        .contains("`" + value + "`");
            }
        });
    }

    /** Property → its metadata default (null when the metadata knows none), for every {@code mcpgateway.*} property. */
    static Map<String, String> metadataDefaults(String app) throws IOException {
        Path metadata = REPOSITORY.resolve(app + "/target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(metadata).as("%s's configuration metadata (built by the reactor before this module)", app).exists();
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(metadata));
        Map<String, String> defaults = new TreeMap<>();
        for (JsonNode property : root.path("properties")) {
            String name = property.path("name").asString();
            if (name.startsWith("mcpgateway.")) {
                JsonNode value = property.path("defaultValue");
                defaults.put(name, value.isMissingNode() || value.isNull() ? null
                        : value.isArray() ? null : value.asString());
            }
        }
        return defaults;
    }

    /** Property → its row's default cell, for the rows under {@code heading} (up to the next heading of that level). */
    static Map<String, String> documentedDefaults(String heading) throws IOException {
        List<String> lines = Files.readAllLines(REPOSITORY.resolve("docs/configuration.md"));
        int start = lines.indexOf(heading);
        assertThat(start).as("docs/configuration.md has a heading '%s'", heading).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        int defaultColumn = -1;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| property |")) {
                defaultColumn = List.of(cells(line)).indexOf("default");
            }
            Matcher row = PROPERTY_ROW.matcher(line);
            if (row.matches()) {
                assertThat(rows).as("one row per property: %s appears twice", row.group(1)).doesNotContainKey(row.group(1));
                rows.put(row.group(1), defaultColumn < 0 ? "" : cells(line)[defaultColumn]);
            }
        }
        return rows;
    }

    private static String[] cells(String row) {
        String[] raw = row.substring(1, row.lastIndexOf('|')).split("\\|", -1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i].strip();
        }
        return raw;
    }
}
