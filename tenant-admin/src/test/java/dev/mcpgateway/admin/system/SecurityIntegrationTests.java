package dev.mcpgateway.admin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;

class SecurityIntegrationTests extends AdminTestSupport {

    private static final String TENANT_ADMIN = "ta@acme.io";

    @Test
    void redirectsUnauthenticatedPagesToLogin() throws Exception {
        mvc.perform(get("/tenants")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void answersUnauthenticatedApiCallsWithProblemJson() throws Exception {
        mvc.perform(get("/api/v1/tenants"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer mta_not-a-real-token"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void signsInTheBootstrapAdminWhosePasswordIsStoredHashed() throws Exception {
        mvc.perform(formLogin("/login").user(ADMIN).password(ADMIN_PASSWORD))
                .andExpect(authenticated().withUsername(ADMIN))
                .andExpect(redirectedUrl("/tenants"));
        mvc.perform(formLogin("/login").user(ADMIN).password("wrong-password-123"))
                .andExpect(unauthenticated());
        String hash = jdbc.sql("SELECT password_hash FROM admin_account WHERE username = ?").param(ADMIN)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void acceptsHttpBasicForLocalAccountsOnTheApi() throws Exception {
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, "nope-nope-nope"))).andExpect(status().isUnauthorized());
    }

    @Test
    void refusesFormPostsWithoutCsrfToken() throws Exception {
        mvc.perform(post("/tenants/new").with(user(ADMIN))
                        .param("id", "acme").param("displayName", "Acme").param("backendUrl", "http://x")
                        .param("backendType", "openapi").param("defaultToolLevel", "read"))
                .andExpect(status().isForbidden());
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
    }

    @Test
    void sendsContentSecurityPolicyWithoutInlineScript() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void letsTenantAdminManageOwnTenantMembersOnly() throws Exception {
        tenant("acme", "Acme");
        tenant("globex", "Globex");
        member("acme", TENANT_ADMIN, "admin");

        mvc.perform(post("/tenants/acme/members").with(user(TENANT_ADMIN)).with(csrf())
                        .param("emails", "new@acme.io").param("accessLevel", "write"))
                .andExpect(redirectedUrl("/tenants/acme/members"));
        assertThat(count("SELECT count(*) FROM tenant_member WHERE email = 'new@acme.io'")).isOne();

        mvc.perform(get("/tenants/globex").with(user(TENANT_ADMIN))).andExpect(status().isForbidden());
        mvc.perform(get("/tenants/globex/members").with(user(TENANT_ADMIN))).andExpect(status().isForbidden());
        mvc.perform(post("/tenants/globex/members").with(user(TENANT_ADMIN)).with(csrf())
                        .param("emails", "intruder@acme.io").param("accessLevel", "admin"))
                .andExpect(status().isForbidden());
        assertThat(count("SELECT count(*) FROM tenant_member WHERE tenant_id = 'globex'")).isZero();

        mvc.perform(get("/tenants").with(user(TENANT_ADMIN)))
                .andExpect(content().string(containsString("/tenants/acme")))
                .andExpect(content().string(not(containsString("/tenants/globex"))));
    }

    @Test
    void keepsTenantAdminAwayFromCredentialsKeysAndTenantSettings() throws Exception {
        tenant("acme", "Acme");
        member("acme", TENANT_ADMIN, "admin");
        mvc.perform(get("/tenants/acme/credentials").with(user(TENANT_ADMIN))).andExpect(status().isForbidden());
        mvc.perform(get("/clients").with(user(TENANT_ADMIN))).andExpect(status().isForbidden());
        mvc.perform(get("/tenants/acme/edit").with(user(TENANT_ADMIN))).andExpect(status().isForbidden());
        mvc.perform(post("/tenants/acme/delete").param("confirmMembers", "true").with(user(TENANT_ADMIN)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/tenants/acme/credentials").with(user(TENANT_ADMIN)))
                .andExpect(status().isForbidden());
        assertThat(count("SELECT count(*) FROM tenant")).isOne();
    }

    @Test
    void refusesMembersWhoAreNotTenantAdmins() throws Exception {
        tenant("acme", "Acme");
        member("acme", "writer@acme.io", "write");
        mvc.perform(post("/tenants/acme/members").with(user("writer@acme.io")).with(csrf())
                        .param("emails", "friend@acme.io").param("accessLevel", "write"))
                .andExpect(status().isForbidden());
        assertThat(count("SELECT count(*) FROM tenant_member")).isOne();
    }
}
