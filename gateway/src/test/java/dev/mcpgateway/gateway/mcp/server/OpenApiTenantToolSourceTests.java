package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OpenApiTenantToolSourceTests {

    @Test
    void listsAToolForEachPostOnAToolsOwnPath() {
        var spec = JsonMapper.builder().build().readTree("""
                {"paths": {"/read_file": {"post": {"summary": "Reads"}}, "/list": {"get": {}},
                           "/read_file/extra": {"post": {}}, "/{id}": {"post": {}}}}""");

        assertThat(OpenApiTenantToolSource.toolsOf(spec)).extracting(BackendTool::name).containsExactly("read_file");
    }

    @Test
    void listsNoToolTheMembershipCheckWouldRefuseToCall() {
        // Each of these was once listed on /mcp, though the spec endpoints and explain access did not name it a tool.
        var spec = JsonMapper.builder().build().readTree("""
                {"paths": {"no_slash": {"post": {}}, "/openapi.json": {"post": {}}, "/..": {"post": {}},
                           "/.": {"post": {}}, "/bad name": {"post": {}}}}""");

        assertThat(OpenApiTenantToolSource.toolsOf(spec)).isEmpty();
    }
}
