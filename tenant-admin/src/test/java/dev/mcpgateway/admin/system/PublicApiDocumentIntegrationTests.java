package dev.mcpgateway.admin.system;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "mcpgateway.admin.api-docs.public=true")
class PublicApiDocumentIntegrationTests extends AdminTestSupport {

    @Test
    void apiDocumentIsPublicWhenConfiguredSoButTheApiIsNot() throws Exception {
        mvc.perform(get("/api/v1/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("MCP Tenant Gateway - tenant-admin API"));
        mvc.perform(get("/api/v1/tenants")).andExpect(status().isUnauthorized());
    }
}
