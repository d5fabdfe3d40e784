package dev.mcpgateway.admin.system;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

class ApiDocumentIntegrationTests extends AdminTestSupport {

    @Test
    void apiDocumentIsNamedVersionedAndDescribesBothWaysToSignIn() throws Exception {
        mvc.perform(get("/api/v1/openapi.json").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("MCP Tenant Gateway - tenant-admin API"))
                .andExpect(jsonPath("$.info.version").value("v1"))
                .andExpect(jsonPath("$.components.securitySchemes.apiToken.scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
                .andExpect(jsonPath("$.security[0].apiToken").exists());
    }

    @Test
    void apiDocumentIsRefusedToStrangersByDefault() throws Exception {
        mvc.perform(get("/api/v1/openapi.json"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void apiDocumentIsServedToAWebSessionSoTheLinkOnTheTokensPageWorks() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user(ADMIN).password(ADMIN_PASSWORD))
                .andReturn().getRequest().getSession(false);
        mvc.perform(get("/api/v1/openapi.json").session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.version").value("v1"));
    }
}
