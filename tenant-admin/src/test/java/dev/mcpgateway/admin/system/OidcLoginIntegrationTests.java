package dev.mcpgateway.admin.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** OIDC sign-in: configured only by Spring Security's standard properties; the verified email claim is the identity. */
@TestPropertySource(properties = {
        "spring.security.oauth2.client.registration.oidc.client-id=tenant-admin",
        "spring.security.oauth2.client.registration.oidc.client-secret=test-secret",
        "spring.security.oauth2.client.registration.oidc.client-name=Company SSO",
        "spring.security.oauth2.client.registration.oidc.scope=openid,email",
        "spring.security.oauth2.client.registration.oidc.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.oidc.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.oidc.authorization-uri=https://sso.example.test/auth",
        "spring.security.oauth2.client.provider.oidc.token-uri=https://sso.example.test/token",
        "spring.security.oauth2.client.provider.oidc.jwk-set-uri=https://sso.example.test/jwks",
        "mcpgateway.admin.platform-admins=boss@example.test",
})
class OidcLoginIntegrationTests extends AdminTestSupport {

    @Test
    void offersTheConfiguredProviderOnTheLoginPage() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(content().string(containsString("Sign in with Company SSO")))
                .andExpect(content().string(containsString("href=\"/oauth2/authorization/oidc\"")));
        mvc.perform(get("/oauth2/authorization/oidc"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", startsWith("https://sso.example.test/auth?response_type=code&client_id=tenant-admin")));
    }

    @Test
    void makesListedEmailsPlatformAdmins() throws Exception {
        mvc.perform(get("/clients").with(oidcLogin().idToken(token -> token.subject("u1")
                        .claim("email", "Boss@Example.test").claim("email_verified", true))))
                .andExpect(status().isOk());
    }

    @Test
    void makesAdminMembersTenantAdminsByTheirEmail() throws Exception {
        tenant("acme", "Acme");
        member("acme", "ta@acme.io", "admin");
        var login = oidcLogin().idToken(token -> token.subject("u2").claim("email", "ta@acme.io"));
        mvc.perform(get("/tenants/acme/members").with(login)).andExpect(status().isOk());
        mvc.perform(get("/clients").with(login)).andExpect(status().isForbidden());
    }

    @Test
    void ignoresUnverifiedEmails() throws Exception {
        tenant("acme", "Acme");
        member("acme", "ta@acme.io", "admin");
        mvc.perform(get("/tenants/acme/members").with(oidcLogin().idToken(token -> token.subject("u3")
                        .claim("email", "ta@acme.io").claim("email_verified", false))))
                .andExpect(status().isForbidden());
    }
}
