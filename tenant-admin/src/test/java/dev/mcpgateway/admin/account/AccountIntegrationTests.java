package dev.mcpgateway.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;

class AccountIntegrationTests extends AdminTestSupport {

    private static final String OPS_PASSWORD = "first-password-123";

    @Test
    void changesOwnPasswordOnlyWhenTheCurrentOneIsGiven() throws Exception {
        mvc.perform(post("/accounts").with(user(ADMIN)).with(csrf())
                        .param("username", "Ops").param("password", OPS_PASSWORD).param("platformAdmin", "true"))
                .andExpect(redirectedUrl("/accounts"));
        mvc.perform(post("/account/password").with(user("ops")).with(csrf())
                        .param("currentPassword", "not-my-password").param("newPassword", "second-password-456"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("That is not your current password")));
        mvc.perform(post("/account/password").with(user("ops")).with(csrf())
                        .param("currentPassword", OPS_PASSWORD).param("newPassword", "short"))
                .andExpect(content().string(containsString("Use a password of 12 to 72 characters")));
        mvc.perform(post("/account/password").with(user("ops")).with(csrf())
                        .param("currentPassword", OPS_PASSWORD).param("newPassword", "second-password-456"))
                .andExpect(redirectedUrl("/account/tokens"));

        mvc.perform(formLogin("/login").user("ops").password(OPS_PASSWORD)).andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user("ops").password("second-password-456")).andExpect(authenticated());
        assertThat(lastAudit()).containsEntry("action", "account.password").containsEntry("user_email", "ops");
        assertThat(count("SELECT count(*) FROM audit_event WHERE detail LIKE '%password-%'")).isZero();
    }

    @Test
    void localAccountNamedByEmailAdministersTheTenantsWhereItIsAdmin() throws Exception {
        tenant("acme", "Acme");
        tenant("globex", "Globex");
        member("acme", "ta@acme.io", "admin");
        mvc.perform(post("/accounts").with(user(ADMIN)).with(csrf())
                        .param("username", "ta@acme.io").param("password", OPS_PASSWORD))
                .andExpect(redirectedUrl("/accounts"));
        mvc.perform(get("/api/v1/tenants/acme/members").with(httpBasic("ta@acme.io", OPS_PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/tenants/globex/members").with(httpBasic("ta@acme.io", OPS_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/accounts").with(user("ta@acme.io"))).andExpect(status().isForbidden());
    }

    @Test
    void refusesWeakPasswordsAndDuplicateNamesNextToTheFields() throws Exception {
        mvc.perform(post("/accounts").with(user(ADMIN)).with(csrf()).param("username", "x").param("password", "short"))
                .andExpect(content().string(containsString("Use a password of 12 to 72 characters")));
        mvc.perform(post("/accounts").with(user(ADMIN)).with(csrf()).param("username", ADMIN).param("password", OPS_PASSWORD))
                .andExpect(content().string(containsString("already exists")));
    }
}
