package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chart README's values table is generated from the {@code # --} comments in values.yaml. Run with
 * {@code -Dchart.readme.update=true} to regenerate it after changing values.
 */
class ChartReadmeTests {

    private static final String START = "<!-- values:start (generated from values.yaml by ChartReadmeTests) -->\n";
    private static final String END = "<!-- values:end -->";

    @Test
    void documentsEveryValue() throws Exception {
        ValuesDocumentation documentation = documentation();

        assertThat(documentation.undocumented()).as("values.yaml keys without a '# --' description").isEmpty();
    }

    @Test
    void keepsTheReadmeValuesTableInSyncWithValuesYaml() throws Exception {
        Path readme = Chart.DIRECTORY.resolve("README.md");
        String current = Files.readString(readme);
        int start = current.indexOf(START);
        int end = current.indexOf(END);
        assertThat(start).as("README.md marker " + START.trim()).isNotNegative();
        assertThat(end).as("README.md marker " + END).isGreaterThan(start);

        String generated = current.substring(0, start + START.length()) + documentation().table() + current.substring(end);
        if (Boolean.getBoolean("chart.readme.update")) {
            Files.writeString(readme, generated);
        }

        assertThat(current).as("README.md is stale: run ./mvnw verify -Dchart.readme.update=true")
                .isEqualTo(generated);
    }

    private static ValuesDocumentation documentation() throws Exception {
        return new ValuesDocumentation(Files.readString(Chart.DIRECTORY.resolve("values.yaml")));
    }
}
