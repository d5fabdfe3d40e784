package dev.mcpgateway.admin.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.is;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

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
    void createsAnMcpTenantThatDerivesToolLevelsFromAnnotations() throws Exception {
        mvc.perform(get("/tenants/new").with(user(ADMIN)))
                .andExpect(content().string(containsString("Derive tool levels from MCP tool annotations")))
                .andExpect(content().string(containsString("name=\"toolLevelsFromAnnotations\"")));
        mvc.perform(post("/tenants/new").with(user(ADMIN)).with(csrf())
                        .param("id", "files").param("displayName", "Files")
                        .param("backendUrl", "http://files.internal:8000/mcp").param("backendType", "mcp")
                        .param("defaultToolLevel", "read").param("enabled", "true")
                        .param("toolLevelsFromAnnotations", "true").param("_toolLevelsFromAnnotations", "on"))
                .andExpect(redirectedUrl("/tenants/files"));

        assertThat(count("SELECT count(*) FROM tenant WHERE id = 'files' AND tool_levels_from_annotations")).isOne();
        assertThat(lastAudit()).containsEntry("action", "tenant.create")
                .containsEntry("detail", "displayName=Files, backendUrl=http://files.internal:8000/mcp, backendType=mcp,"
                        + " enabled=true, defaultToolLevel=read, rateLimit=gateway defaults,"
                        + " toolLevelsFromAnnotations=true");
        mvc.perform(get("/tenants/files").with(user(ADMIN)))
                .andExpect(content().string(containsString("Tool levels from annotations")))
                .andExpect(content().string(containsString("→ read, else write; tool rules win")));
        mvc.perform(get("/tenants/files/edit").with(user(ADMIN)))
                .andExpect(model().attribute("tenant", hasProperty("toolLevelsFromAnnotations", is(true))))
                .andExpect(content().string(containsString(
                        "name=\"toolLevelsFromAnnotations\" value=\"true\" checked=\"checked\"")));
    }

    @Test
    void refusesAnnotationLevelsForAnOpenApiBackendWithAMessageNextToTheField() throws Exception {
        mvc.perform(post("/tenants/new").with(user(ADMIN)).with(csrf())
                        .param("id", "acme").param("displayName", "Acme")
                        .param("backendUrl", "http://tools.acme:8000").param("backendType", "openapi")
                        .param("defaultToolLevel", "read").param("toolLevelsFromAnnotations", "true"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("tenant", "toolLevelsFromAnnotations"))
                .andExpect(model().attributeErrorCount("tenant", 1))
                .andExpect(content().string(containsString(
                        "<p class=\"error\">Only for backend type mcp: openapi backends have no tool annotations</p>")));
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
    }

    @Test
    void editingSetsAndClearsAnnotationLevelsWithAnAuditRowEachTime() throws Exception {
        jdbc.sql("INSERT INTO tenant (id, display_name, backend_url, backend_type) VALUES ('files', 'Files', 'http://f:1', 'mcp')")
                .update();
        mvc.perform(get("/tenants/files").with(user(ADMIN)))
                .andExpect(content().string(containsString("no — tools without a rule need the default tool level")));

        mvc.perform(editFiles().param("toolLevelsFromAnnotations", "true")).andExpect(redirectedUrl("/tenants/files"));
        assertThat(count("SELECT count(*) FROM tenant WHERE tool_levels_from_annotations")).isOne();
        assertThat(lastAudit()).containsEntry("action", "tenant.update");
        assertThat((String) lastAudit().get("detail")).endsWith("toolLevelsFromAnnotations=true");

        mvc.perform(editFiles()).andExpect(redirectedUrl("/tenants/files"));
        assertThat(count("SELECT count(*) FROM tenant WHERE tool_levels_from_annotations")).isZero();
        assertThat((String) lastAudit().get("detail")).endsWith("toolLevelsFromAnnotations=false");
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'tenant.update'")).isEqualTo(2);
    }

    @Test
    void showsAFlagSetOnAnOpenApiTenantAsInactive() throws Exception {
        jdbc.sql("INSERT INTO tenant (id, display_name, backend_url, tool_levels_from_annotations)"
                + " VALUES ('acme', 'Acme', 'http://a:1', true)").update();
        mvc.perform(get("/tenants/acme").with(user(ADMIN)))
                .andExpect(content().string(containsString("set but inactive — only mcp backends have tool annotations")));
    }

    @Test
    void editsCallLimitsInTheFormWhereBlankMeansTheGatewayDefault() throws Exception {
        tenant("acme", "Acme");
        mvc.perform(get("/tenants/acme").with(user(ADMIN)))
                .andExpect(content().string(containsString("<dd id=\"limit-per-user\">gateway default</dd>")))
                .andExpect(content().string(containsString("<dd id=\"limit-concurrent\">gateway default</dd>")));
        mvc.perform(get("/tenants/acme/edit").with(user(ADMIN)))
                .andExpect(content().string(containsString("name=\"rateLimit.perUser.requestsPerSecond\"")))
                .andExpect(content().string(containsString("name=\"rateLimit.maxResponseBytes\"")));

        mvc.perform(editAcme().param("rateLimit.perUser.requestsPerSecond", "20").param("rateLimit.perUser.burst", "40")
                        .param("rateLimit.tenant.requestsPerSecond", "0").param("rateLimit.tenant.burst", "0")
                        .param("rateLimit.maxConcurrentCalls", "64").param("rateLimit.maxResponseBytes", ""))
                .andExpect(redirectedUrl("/tenants/acme"));

        assertThat(jdbc.sql("""
                SELECT rate_limit_per_user_rps, rate_limit_per_user_burst, rate_limit_tenant_rps, rate_limit_tenant_burst,
                       max_concurrent_calls, max_response_bytes FROM tenant WHERE id = 'acme'""").query().listOfRows().get(0))
                .containsEntry("rate_limit_per_user_rps", 20).containsEntry("rate_limit_per_user_burst", 40)
                .containsEntry("rate_limit_tenant_rps", 0).containsEntry("max_concurrent_calls", 64)
                .containsEntry("max_response_bytes", null);
        assertThat(lastAudit()).containsEntry("action", "tenant.update");
        mvc.perform(get("/tenants/acme").with(user(ADMIN)))
                .andExpect(content().string(containsString("<dd id=\"limit-per-user\">20/s, burst 40</dd>")))
                .andExpect(content().string(containsString("<dd id=\"limit-tenant\">unlimited</dd>")))
                .andExpect(content().string(containsString("<dd id=\"limit-concurrent\">at most 64 per replica</dd>")))
                .andExpect(content().string(containsString("<dd id=\"limit-answer\">gateway default</dd>")));
        mvc.perform(get("/tenants/acme/edit").with(user(ADMIN)))
                .andExpect(content().string(containsString("name=\"rateLimit.perUser.burst\" value=\"40\"")));

        mvc.perform(editAcme()).andExpect(redirectedUrl("/tenants/acme"));
        assertThat(count("SELECT count(*) FROM tenant WHERE rate_limit_per_user_rps IS NULL"
                + " AND rate_limit_tenant_rps IS NULL AND max_concurrent_calls IS NULL")).isOne();
    }

    @Test
    void showsRateLimitProblemsNextToTheirFields() throws Exception {
        tenant("acme", "Acme");

        mvc.perform(editAcme().param("rateLimit.perUser.requestsPerSecond", "20").param("rateLimit.perUser.burst", "10")
                        .param("rateLimit.tenant.requestsPerSecond", "5")
                        .param("rateLimit.maxConcurrentCalls", "many"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("tenant", "rateLimit.perUser.burst",
                        "rateLimit.tenant.burst", "rateLimit.maxConcurrentCalls"))
                .andExpect(model().attributeErrorCount("tenant", 3))
                .andExpect(content().string(containsString(
                        "<p class=\"error\">rateLimit.perUser.burst must be at least requestsPerSecond and at most 10000000</p>")))
                .andExpect(content().string(containsString(
                        "<p class=\"error\">Enter both requests per second and burst, or neither (the gateway default)</p>")))
                .andExpect(content().string(containsString("<p class=\"error\">Enter a whole number</p>")));
        assertThat(count("SELECT count(*) FROM tenant WHERE rate_limit_per_user_rps IS NULL")).isOne();
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'tenant.update'")).isZero();
    }

    private MockHttpServletRequestBuilder editAcme() {
        return post("/tenants/acme/edit").with(user(ADMIN)).with(csrf())
                .param("displayName", "Acme").param("backendUrl", "http://a:1").param("backendType", "openapi")
                .param("defaultToolLevel", "read").param("enabled", "true").param("_enabled", "on");
    }

    /** The edit form as a browser sends it: the checkbox's marker always, its value only when ticked. */
    private MockHttpServletRequestBuilder editFiles() {
        return post("/tenants/files/edit").with(user(ADMIN)).with(csrf())
                .param("displayName", "Files").param("backendUrl", "http://f:1").param("backendType", "mcp")
                .param("defaultToolLevel", "read").param("enabled", "true").param("_enabled", "on")
                .param("_toolLevelsFromAnnotations", "on");
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
