package dev.mcpgateway.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ApiTokenIntegrationTests extends AdminTestSupport {

    private String createToken(String owner, String name) throws Exception {
        String html = mvc.perform(post("/account/tokens").with(user(owner)).with(csrf()).param("name", name))
                .andReturn().getResponse().getContentAsString();
        Matcher matcher = Pattern.compile("id=\"created-token\">(mta_[A-Za-z0-9_-]{43})<").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void tokenActsAsItsOwnerUntilRevoked() throws Exception {
        String token = createToken(ADMIN, "ci");
        assertThat(count("SELECT count(*) FROM api_token WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')", token))
                .isOne();
        mvc.perform(put("/api/v1/tenants/acme").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\": \"Acme\", \"backendUrl\": \"http://x:1\"}"))
                .andExpect(status().isCreated());
        assertThat(lastAudit()).containsEntry("user_email", ADMIN);

        long id = jdbc.sql("SELECT id FROM api_token").query(Long.class).single();
        mvc.perform(post("/account/tokens/" + id + "/revoke").with(user(ADMIN)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tokenOfTenantAdminReachesOnlyThatTenant() throws Exception {
        tenant("acme", "Acme");
        tenant("globex", "Globex");
        member("acme", "ta@acme.io", "admin");
        String token = createToken("ta@acme.io", "script");
        mvc.perform(put("/api/v1/tenants/acme/members/new@acme.io").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accessLevel\": \"read\"}"))
                .andExpect(status().isCreated());
        mvc.perform(put("/api/v1/tenants/globex/members/new@acme.io").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accessLevel\": \"read\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/tenants/zzz").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\": \"Z\", \"backendUrl\": \"http://x:1\"}"))
                .andExpect(status().isForbidden());
        assertThat(count("SELECT count(*) FROM tenant")).isEqualTo(2);
    }
}
