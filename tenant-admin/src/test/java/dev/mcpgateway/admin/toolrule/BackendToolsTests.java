package dev.mcpgateway.admin.toolrule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BackendToolsTests {

    @Test
    void takesEachPathsFirstSegmentAsTheToolName() {
        var spec = JsonMapper.builder().build().readTree("""
                {"paths": {"/write_file": {}, "/read_file": {}, "/read_file/extra": {}, "/{id}": {}, "/": {}}}""");
        assertThat(BackendTools.toolsOf(spec)).containsExactly("read_file", "write_file");
    }

    @Test
    void listsOnlyToolsTheGatewayWouldLetACallReach() {
        var spec = JsonMapper.builder().build().readTree("""
                {"paths": {"/read_file": {}, "/openapi.json": {}, "no_slash": {}, "/..": {}, "/bad name": {},
                           "/a%2Fb": {}}}""");
        assertThat(BackendTools.toolsOf(spec)).containsExactly("read_file");
    }

    @Test
    void findsNoToolsInSomethingThatIsNotASpec() {
        assertThat(BackendTools.toolsOf(JsonMapper.builder().build().readTree("[1, 2]"))).isEmpty();
        assertThat(BackendTools.toolsOf(null)).isEmpty();
    }
}
