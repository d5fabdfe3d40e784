package dev.mcpgateway.admin.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;

class TenantControllerIntegrationTests extends AdminTestSupport {

    @Test
    void createsTenantInOneTransactionWithAuditRow() throws Exception {
        mvc.perform(post("/tenants/new").with(user(ADMIN)).with(csrf())
                        .param("id", "acme").param("displayName", "Acme Corp")
                        .param("backendUrl", "http://tools.acme:8000").param("backendType", "openapi")
                        .param("enabled", "true").param("defaultToolLevel", "write"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/tenants/acme"))
                .andExpect(flash().attribute("flash", "Tenant 'acme' created."));

        assertThat(jdbc.sql("SELECT display_name, default_tool_level FROM tenant WHERE id = 'acme'").query().singleRow())
                .containsEntry("display_name", "Acme Corp").containsEntry("default_tool_level", "write");
        assertThat(lastAudit()).containsEntry("kind", "admin").containsEntry("decision", "change")
                .containsEntry("user_email", ADMIN).containsEntry("action", "tenant.create")
                .containsEntry("tenant_id", "acme");
    }

    @Test
    void showsValidationMessagesNextToFields() throws Exception {
        mvc.perform(post("/tenants/new").with(user(ADMIN)).with(csrf())
                        .param("id", "Bad Id").param("displayName", "")
                        .param("backendUrl", "ftp://x").param("backendType", "grpc").param("defaultToolLevel", "read"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("tenant", "id", "displayName", "backendUrl", "backendType"))
                .andExpect(content().string(containsString("Use 1-63 lower-case letters")))
                .andExpect(content().string(containsString("Enter an http:// or https:// URL")));
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
    }

    @Test
    void refusesDuplicateIdWithMessageOnTheIdField() throws Exception {
        tenant("acme", "Acme");
        mvc.perform(post("/tenants/new").with(user(ADMIN)).with(csrf())
                        .param("id", "acme").param("displayName", "Other")
                        .param("backendUrl", "http://x").param("backendType", "openapi").param("defaultToolLevel", "read"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("tenant", "id"))
                .andExpect(content().string(containsString("already exists")));
    }

    @Test
    void listsAndSearchesTenantsWithPagination() throws Exception {
        for (int i = 0; i < 30; i++) {
            tenant(String.format("t%02d", i), "Tenant " + i);
        }
        tenant("zebra", "Zebra Works");
        mvc.perform(get("/tenants").with(user(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Showing 1–25 of 31")))
                .andExpect(content().string(containsString("Page 1 of 2")));
        mvc.perform(get("/tenants").param("q", "zeb").with(user(ADMIN)))
                .andExpect(content().string(containsString("Zebra Works")))
                .andExpect(content().string(not(containsString("Tenant 1"))));
    }

    @Test
    void rendersDisplayNameEscaped() throws Exception {
        tenant("xss", "<script>alert('x')</script>");
        mvc.perform(get("/tenants").with(user(ADMIN)))
                .andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert"))));
        mvc.perform(get("/tenants/xss").with(user(ADMIN)))
                .andExpect(content().string(not(containsString("<script>alert"))));
    }

    @Test
    void refusesDeleteWhileMembersExistUnlessConfirmed() throws Exception {
        tenant("acme", "Acme");
        member("acme", "ada@acme.io", "read");
        mvc.perform(post("/tenants/acme/delete").with(user(ADMIN)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("still has 1 member")));
        assertThat(count("SELECT count(*) FROM tenant")).isOne();

        mvc.perform(post("/tenants/acme/delete").param("confirmMembers", "true").with(user(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/tenants"));
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
        assertThat(count("SELECT count(*) FROM tenant_member")).isZero();
        assertThat(lastAudit()).containsEntry("action", "tenant.delete");
    }

    @Test
    void disablesAndEnablesTenant() throws Exception {
        tenant("acme", "Acme");
        mvc.perform(post("/tenants/acme/enabled").param("enabled", "false").with(user(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/tenants/acme"));
        assertThat(count("SELECT count(*) FROM tenant WHERE NOT enabled")).isOne();
        assertThat(lastAudit()).containsEntry("action", "tenant.disable");
    }

    @Test
    void editsTenantButNotItsId() throws Exception {
        tenant("acme", "Acme");
        mvc.perform(post("/tenants/acme/edit").with(user(ADMIN)).with(csrf())
                        .param("id", "other").param("displayName", "Acme Renamed")
                        .param("backendUrl", "https://acme.example/tools").param("backendType", "mcp")
                        .param("defaultToolLevel", "admin").param("_enabled", "on"))
                .andExpect(redirectedUrl("/tenants/acme"));
        assertThat(jdbc.sql("SELECT display_name, backend_type, enabled FROM tenant WHERE id = 'acme'").query().singleRow())
                .containsEntry("display_name", "Acme Renamed").containsEntry("backend_type", "mcp")
                .containsEntry("enabled", false);
        assertThat(count("SELECT count(*) FROM tenant WHERE id = 'other'")).isZero();
    }
}
