package dev.mcpgateway.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import dev.mcpgateway.policy.KeyHashes;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GatewayClientIntegrationTests extends AdminTestSupport {

    @Test
    void showsNewKeyOnceAndStoresOnlyItsHash() throws Exception {
        String html = mvc.perform(post("/clients").with(user(ADMIN)).with(csrf()).param("name", "open-webui-prod"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        Matcher matcher = Pattern.compile("id=\"created-key\">([A-Za-z0-9_-]{43})<").matcher(html);
        assertThat(matcher.find()).isTrue();
        String key = matcher.group(1);

        Map<String, Object> row = jdbc.sql("SELECT key_hash, key_prefix FROM gateway_client WHERE name = 'open-webui-prod'")
                .query().singleRow();
        assertThat(row).containsEntry("key_hash", KeyHashes.sha256Hex(key)).containsEntry("key_prefix", key.substring(0, 8));

        String listed = mvc.perform(get("/clients").with(user(ADMIN))).andReturn().getResponse().getContentAsString();
        assertThat(listed).contains("open-webui-prod").contains(key.substring(0, 8)).doesNotContain(key);
        assertThat(count("SELECT count(*) FROM audit_event WHERE detail LIKE ?", "%" + key + "%")).isZero();
    }

    @Test
    void saysIdpTokensAreOffAndPlainHeadersIgnoredWhenNothingIsConfigured() throws Exception {
        mvc.perform(get("/clients").with(user(ADMIN)))
                .andExpect(content().string(containsString("<h2 id=\"identity-heading\">Identity</h2>")))
                .andExpect(content().string(containsString(
                        "<dd id=\"identity-oidc\">off (<span class=\"mono\">mcpgateway.identity.oidc.issuer-uri</span> is not set)</dd>")))
                .andExpect(content().string(containsString("<dd id=\"identity-plain\">ignored</dd>")));
    }

    @Test
    void revokesKeyAndRefusesDuplicateNames() throws Exception {
        mvc.perform(post("/clients").with(user(ADMIN)).with(csrf()).param("name", "ci"));
        mvc.perform(post("/clients").with(user(ADMIN)).with(csrf()).param("name", "ci"))
                .andExpect(content().string(containsString("already exists")));
        long id = jdbc.sql("SELECT id FROM gateway_client WHERE name = 'ci'").query(Long.class).single();
        mvc.perform(post("/clients/" + id + "/revoke").with(user(ADMIN)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(count("SELECT count(*) FROM gateway_client WHERE revoked_at IS NOT NULL")).isOne();
        assertThat(lastAudit()).containsEntry("action", "client.revoke");
    }
}
