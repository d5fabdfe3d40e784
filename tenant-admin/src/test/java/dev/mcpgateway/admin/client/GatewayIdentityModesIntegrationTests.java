package dev.mcpgateway.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The Client keys screen's Identity section, from the {@code mcpgateway.identity.*} settings both apps get: the IdP
 * and plain headers as configured, never the Open WebUI secret even when tenant-admin is handed it by mistake.
 */
@TestPropertySource(properties = {
        "mcpgateway.identity.oidc.issuer-uri=https://sso.example.test/realms/acme",
        "mcpgateway.identity.oidc.audiences=https://tools.example.test/mcp",
        "mcpgateway.identity.oidc.email-claim=preferred_username",
        "mcpgateway.identity.oidc.scopes=mcp",
        "mcpgateway.identity.trust-plain-headers=true",
        "mcpgateway.public-base-url=https://tools.example.test/",
        "mcpgateway.identity.openwebui-jwt-secret=" + GatewayIdentityModesIntegrationTests.SECRET,
})
class GatewayIdentityModesIntegrationTests extends AdminTestSupport {

    static final String SECRET = "not-for-tenant-admin-0123456789abcdef0123456789";

    @Test
    void showsTheIdpAndPlainHeadersTheGatewayTrustsAndNoSecret() throws Exception {
        String html = mvc.perform(get("/clients").with(user(ADMIN)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("<h2 id=\"identity-heading\">Identity</h2>")
                .contains("issuer <span class=\"mono\">https://sso.example.test/realms/acme</span>")
                .contains("audience <span class=\"mono\">https://tools.example.test/mcp</span>")
                .contains("email from the <span class=\"mono\">preferred_username</span> claim")
                .contains("scopes <span class=\"mono\">mcp</span>")
                .contains("<span class=\"mono\" id=\"identity-mcp-url\">https://tools.example.test/mcp</span>")
                .contains("<dd id=\"identity-plain\">accepted (X-OpenWebUI-User-Email, …) from callers with a valid client key")
                .doesNotContain(SECRET);
    }

    @Test
    void isForPlatformAdminsOnly() throws Exception {
        mvc.perform(get("/clients").with(user("someone@acme.io"))).andExpect(status().isForbidden());
    }
}
