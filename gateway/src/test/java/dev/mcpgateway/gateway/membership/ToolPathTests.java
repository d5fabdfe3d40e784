package dev.mcpgateway.gateway.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.error.GatewayProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolPathTests {

    private static String toolOf(String path) {
        return ToolPath.toolOf(path, "/tools/google", "google");
    }

    @Test
    void takesTheFirstSegmentAfterTheTenant() {
        assertThat(toolOf("/tools/google/read_file")).isEqualTo("read_file");
        assertThat(toolOf("/tools/google/read_file/")).isEqualTo("read_file");
        assertThat(toolOf("/tools/google/server.v2-tool/sub/path")).isEqualTo("server.v2-tool");
    }

    @Test
    void decodesTheToolOnce() {
        assertThat(toolOf("/tools/google/read%5Ffile")).isEqualTo("read_file");
    }

    @Test
    void treatsTheTenantRootAsNoTool() {
        assertThat(toolOf("/tools/google")).isNull();
        assertThat(toolOf("/tools/google/")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/tools/google/..%2fmicrosoft/x", "/tools/google/..%2Fmicrosoft", "/tools/google/..",
            "/tools/google/%2e%2e/microsoft", "/tools/google/.", "/tools/google/%2e", "/tools/google/a%5cb", "/tools/google/a\\b", "/tools/google//x",
            "/tools/google/read_file;admin=1", "/tools/google/read%252ffile", "/tools/google/a..b",
            "/tools/google/read_file/..%2f..%2fmove_file", "/tools/google/read_file/../move_file",
            "/tools/google/read_file/%2e%2e/move_file", "/tools/google/read_file/a%2fb", "/tools/google/%zz",
            "/tools/googlex/read_file"})
    void refusesPathsThatAreNotAPlainToolCall(String path) {
        assertThatThrownBy(() -> toolOf(path))
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(400);
                    assertThat(problem.problem().getProperties()).containsEntry("tenant", "google");
                });
    }
}
