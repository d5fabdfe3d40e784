package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolPathsTests {

    @Test
    void takesTheFirstSegmentOfASpecPathAsTheTool() {
        assertThat(ToolPaths.toolOfSpecPath("/read_file")).isEqualTo("read_file");
        assertThat(ToolPaths.toolOfSpecPath("/read_file/extra")).isEqualTo("read_file");
        assertThat(ToolPaths.toolOfSpecPath("/server.v2-tool")).isEqualTo("server.v2-tool");
    }

    /**
     * Paths the three earlier copies disagreed on: {@code /mcp} listed a path without a leading slash, the spec
     * document, {@code .} and {@code ..} as tools; spec rewriting and explain access listed names with spaces or
     * percent signs, which the membership check then refused to call.
     */
    @ParameterizedTest
    @ValueSource(strings = {"read_file", "/openapi.json", "/..", "/.", "/a..b", "/bad name", "/über", "/a%2Fb",
            "/{id}", "/", "", "//read_file", "/read_file;v=1"})
    void findsNoToolInPathsNoCallCouldReach(String path) {
        assertThat(ToolPaths.toolOfSpecPath(path)).isNull();
    }

    @Test
    void findsNoToolInNamesLongerThan128Characters() {
        assertThat(ToolPaths.toolOfSpecPath("/" + "a".repeat(128))).isEqualTo("a".repeat(128));
        assertThat(ToolPaths.toolOfSpecPath("/" + "a".repeat(129))).isNull();
        assertThat(ToolPaths.toolOfSpecPath(null)).isNull();
    }

    @Test
    void knowsTheOnePathACallToTheToolReaches() {
        assertThat(ToolPaths.isToolsOwnPath("/read_file")).isTrue();
        assertThat(ToolPaths.isToolsOwnPath("/read_file/extra")).isFalse();
        assertThat(ToolPaths.isToolsOwnPath("/read_file/")).isFalse();
        assertThat(ToolPaths.isToolsOwnPath("read_file")).isFalse();
        assertThat(ToolPaths.isToolsOwnPath("/openapi.json")).isFalse();
    }

    @Test
    void acceptsToolNamesOfLettersDigitsAndThreeMarks() {
        assertThat(ToolPaths.isToolName("Read_file-2.v1")).isTrue();
        assertThat(ToolPaths.isToolName("..")).isFalse();
        assertThat(ToolPaths.isToolName(".")).isFalse();
        assertThat(ToolPaths.isToolName("a/b")).isFalse();
        assertThat(ToolPaths.isToolName("a\\b")).isFalse();
        assertThat(ToolPaths.isToolName("")).isFalse();
        assertThat(ToolPaths.isToolName(null)).isFalse();
    }
}
