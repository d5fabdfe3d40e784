package dev.mcpgateway.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Deleting, disabling or re-creating an account, or changing its password, takes effect at once. */
class RevocationIntegrationTests extends AdminTestSupport {

    private static final String TA = "ta@acme.io";
    private static final String TA_PASSWORD = "tenant-admin-pass-1";

    @BeforeEach
    void tenantAdminAccount() throws Exception {
        tenant("acme", "Acme");
        member("acme", TA, "admin");
        createAccount(TA, TA_PASSWORD);
    }

    @Test
    void deletingAnAccountEndsItsSessionsAndRevokesItsTokensAtOnce() throws Exception {
        MockHttpSession session = signIn(TA, TA_PASSWORD);
        String token = createToken(session, "script");
        mvc.perform(get("/tenants/acme/members").session(session)).andExpect(status().isOk());
        addMember(token, "first@acme.io").andExpect(status().isCreated());

        mvc.perform(post("/accounts/" + TA + "/delete").with(user(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/accounts"));

        mvc.perform(get("/tenants/acme/members").session(session)).andExpect(redirectedUrl("/login?expired"));
        addMember(token, "backdoor@evil.io").andExpect(status().isUnauthorized());
        assertThat(count("SELECT count(*) FROM tenant_member WHERE email = 'backdoor@evil.io'")).isZero();
        assertThat(lastAudit()).containsEntry("action", "account.delete")
                .containsEntry("detail", TA + " (1 API token(s) revoked)");
    }

    @Test
    void disablingAnAccountEndsItsSessionsRevokesItsTokensAndRefusesItsSignIn() throws Exception {
        MockHttpSession session = signIn(TA, TA_PASSWORD);
        String token = createToken(session, "script");

        mvc.perform(post("/accounts/" + TA + "/disable").with(user(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/accounts"));

        mvc.perform(get("/tenants/acme/members").session(session)).andExpect(redirectedUrl("/login?expired"));
        addMember(token, "backdoor@evil.io").andExpect(status().isUnauthorized());
        mvc.perform(formLogin("/login").user(TA).password(TA_PASSWORD)).andExpect(unauthenticated());
        mvc.perform(get("/api/v1/tenants/acme/members").with(httpBasic(TA, TA_PASSWORD)))
                .andExpect(status().isUnauthorized());

        mvc.perform(post("/accounts/" + TA + "/enable").with(user(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/accounts"));
        mvc.perform(formLogin("/login").user(TA).password(TA_PASSWORD)).andExpect(authenticated());
        addMember(token, "backdoor@evil.io").andExpect(status().isUnauthorized());
    }

    @Test
    void sessionOfAnAccountDeletedElsewhereIsRefusedOnItsNextRequest() throws Exception {
        MockHttpSession session = signIn(TA, TA_PASSWORD);
        // As when another replica deleted it: this replica's session registry never heard of it.
        jdbc.sql("DELETE FROM admin_account WHERE username = ?").param(TA).update();

        mvc.perform(get("/tenants/acme/members").session(session)).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/tenants/acme/members").session(session).with(csrf())
                        .param("emails", "backdoor@evil.io").param("accessLevel", "admin"))
                .andExpect(redirectedUrl("/login"));
        assertThat(count("SELECT count(*) FROM tenant_member WHERE email = 'backdoor@evil.io'")).isZero();
    }

    @Test
    void apiCallSignedInAsALocalAccountThatNoLongerExistsIsUnauthorizedNotAServerError() throws Exception {
        jdbc.sql("DELETE FROM admin_account WHERE username = ?").param(TA).update();
        mvc.perform(get("/api/v1/tenants/acme/members").with(user(TA).authorities(
                        new SimpleGrantedAuthority(dev.mcpgateway.admin.system.Actors.LOCAL_ACCOUNT))))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void accountRecreatedWithTheSameNameStartsWithNoTokens() throws Exception {
        String token = createToken(signIn(TA, TA_PASSWORD), "script");
        // Removed behind the application's back, so only the token's binding to the account row can refuse it.
        jdbc.sql("DELETE FROM admin_account WHERE username = ?").param(TA).update();
        createAccount(TA, TA_PASSWORD);

        addMember(token, "backdoor@evil.io").andExpect(status().isUnauthorized());
        String fresh = createToken(signIn(TA, TA_PASSWORD), "fresh");
        addMember(fresh, "new@acme.io").andExpect(status().isCreated());
    }

    @Test
    void passwordChangeEndsTheAccountsOtherSessionsButNotTheCurrentOne() throws Exception {
        MockHttpSession laptop = signIn(TA, TA_PASSWORD);
        MockHttpSession phone = signIn(TA, TA_PASSWORD);

        mvc.perform(post("/account/password").session(laptop).with(csrf())
                        .param("currentPassword", TA_PASSWORD).param("newPassword", "tenant-admin-pass-2"))
                .andExpect(redirectedUrl("/account/tokens"));

        mvc.perform(get("/tenants/acme/members").session(laptop)).andExpect(status().isOk());
        mvc.perform(get("/tenants/acme/members").session(phone)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void platformAdminListsAndRevokesAnyonesTokensOnTheScreenAndInTheApi() throws Exception {
        String first = createToken(signIn(TA, TA_PASSWORD), "first");
        String second = createToken(signIn(TA, TA_PASSWORD), "second");
        long firstId = tokenId("first");
        long secondId = tokenId("second");

        mvc.perform(get("/api/v1/tokens").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].owner", hasItem(TA)))
                .andExpect(jsonPath("$[*].name", hasItem("first")));
        mvc.perform(delete("/api/v1/tokens/" + firstId).with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isNoContent());
        addMember(first, "backdoor@evil.io").andExpect(status().isUnauthorized());

        mvc.perform(get("/accounts/tokens").with(user(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(TA)))
                .andExpect(content().string(containsString("second")));
        mvc.perform(post("/accounts/tokens/" + secondId + "/revoke").with(user(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/accounts/tokens"));
        addMember(second, "backdoor@evil.io").andExpect(status().isUnauthorized());
        assertThat(lastAudit()).containsEntry("action", "token.revoke").containsEntry("user_email", ADMIN);
    }

    @Test
    void onlyPlatformAdminsMayRevokeOtherPeoplesTokens() throws Exception {
        createToken(signIn(TA, TA_PASSWORD), "mine");
        long id = tokenId("mine");
        createAccount("other@acme.io", TA_PASSWORD);

        mvc.perform(delete("/api/v1/tokens/" + id).with(httpBasic("other@acme.io", TA_PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/accounts/tokens").with(user("other@acme.io"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/tokens").with(httpBasic(TA, TA_PASSWORD)))
                .andExpect(jsonPath("$[*].name", hasItem("mine")));
        assertThat(count("SELECT count(*) FROM api_token WHERE revoked_at IS NULL")).isOne();
    }

    private void createAccount(String username, String password) throws Exception {
        mvc.perform(post("/accounts").with(user(ADMIN)).with(csrf()).param("username", username).param("password", password))
                .andExpect(redirectedUrl("/accounts"));
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(authenticated())
                .andReturn().getRequest().getSession(false);
    }

    private String createToken(MockHttpSession session, String name) throws Exception {
        String html = mvc.perform(post("/account/tokens").session(session).with(csrf()).param("name", name))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher matcher = Pattern.compile("id=\"created-token\">(mta_[A-Za-z0-9_-]{43})<").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private long tokenId(String name) {
        return jdbc.sql("SELECT id FROM api_token WHERE name = ?").param(name).query(Long.class).single();
    }

    private org.springframework.test.web.servlet.ResultActions addMember(String token, String email) throws Exception {
        return mvc.perform(put("/api/v1/tenants/acme/members/" + email).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"accessLevel\": \"admin\"}"));
    }
}
