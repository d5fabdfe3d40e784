package dev.mcpgateway.admin.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import dev.mcpgateway.testing.FakeVault;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class CredentialIntegrationTests extends AdminTestSupport {

    private static final String TOKEN = "test-root-token";
    private static final String SECRET = "sk-very-secret-value-123";
    private static final FakeVault VAULT = FakeVault.start(TOKEN, "secret");

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.vault.enabled", () -> "true");
        registry.add("spring.cloud.vault.uri", VAULT::uri);
        registry.add("spring.cloud.vault.token", () -> TOKEN);
    }

    @AfterAll
    static void stopVault() {
        VAULT.close();
    }

    @Test
    void writesValuesToVaultAndShowsOnlyKeyNames() throws Exception {
        tenant("acme-w", "Acme");
        VAULT.put("mcp-gateway/tenants/acme-w", Map.of("header.X-Region", "eu"));

        mvc.perform(post("/tenants/acme-w/credentials").with(user(ADMIN)).with(csrf())
                        .param("key", "api_key").param("value", SECRET))
                .andExpect(redirectedUrl("/tenants/acme-w/credentials"));

        assertThat(VAULT.current("mcp-gateway/tenants/acme-w"))
                .containsEntry("api_key", SECRET).containsEntry("header.X-Region", "eu");
        mvc.perform(get("/tenants/acme-w/credentials").with(user(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("api_key")))
                .andExpect(content().string(containsString("header.X-Region")))
                .andExpect(content().string(containsString(">Authorization<")))
                .andExpect(content().string(containsString("version <span>2</span>")))
                .andExpect(content().string(not(containsString(SECRET))))
                .andExpect(content().string(not(containsString(">eu<"))));
        assertThat(lastAudit()).containsEntry("action", "credential.set")
                .hasEntrySatisfying("detail", detail -> assertThat((String) detail).doesNotContain(SECRET));
        assertThat(count("SELECT count(*) FROM audit_event WHERE detail LIKE ?", "%" + SECRET + "%")).isZero();
    }

    @Test
    void deletesOneKeyAndKeepsTheOthers() throws Exception {
        tenant("acme-d", "Acme");
        VAULT.put("mcp-gateway/tenants/acme-d", Map.of("api_key", "a", "other", "b"));
        mvc.perform(post("/tenants/acme-d/credentials/delete").with(user(ADMIN)).with(csrf()).param("key", "api_key"))
                .andExpect(redirectedUrl("/tenants/acme-d/credentials"));
        assertThat(VAULT.current("mcp-gateway/tenants/acme-d")).containsOnlyKeys("other");
        assertThat(lastAudit()).containsEntry("action", "credential.delete");
    }

    @Test
    void rejectsValuesThatCannotBeHeadersWithoutEchoingThem() throws Exception {
        tenant("acme-r", "Acme");
        mvc.perform(post("/tenants/acme-r/credentials").with(user(ADMIN)).with(csrf())
                        .param("key", "api_key").param("value", "line1\nsecret-line2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("without line breaks")))
                .andExpect(content().string(not(containsString("secret-line2"))));
        mvc.perform(post("/tenants/acme-r/credentials").with(user(ADMIN)).with(csrf())
                        .param("key", "bad key!").param("value", "x"))
                .andExpect(content().string(containsString("Use 1-128 letters")));
        mvc.perform(post("/tenants/acme-r/credentials").with(user(ADMIN)).with(csrf())
                        .param("key", "header.Host").param("value", "x"))
                .andExpect(content().string(containsString("which credentials may not set")));
        assertThat(VAULT.current("mcp-gateway/tenants/acme-r")).isNull();
    }

    @Test
    void listsKeyNamesOverTheApiWithoutValues() throws Exception {
        tenant("acme-api", "Acme");
        mvc.perform(put("/api/v1/tenants/acme-api/credentials/api_key").with(httpBasic(ADMIN, ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"" + SECRET + "\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/tenants/acme-api/credentials").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(jsonPath("$.keys[0]").value("api_key"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(content().string(not(containsString(SECRET))));
    }

    @Test
    void showsVaultOutageInsteadOfFailing() throws Exception {
        tenant("acme-o", "Acme");
        VAULT.seal();
        try {
            mvc.perform(get("/tenants/acme-o/credentials").with(user(ADMIN)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Vault could not be reached")));
            mvc.perform(put("/api/v1/tenants/acme-o/credentials/api_key").with(httpBasic(ADMIN, ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"x\"}"))
                    .andExpect(status().isServiceUnavailable());
        } finally {
            VAULT.unseal();
        }
    }

    @Test
    void credentialWriteKeepsItsAuditRowWhenVaultFailsAfterWriting() throws Exception {
        tenant("acme-f", "Acme");
        VAULT.answerWritesWithoutCreatedTime(true);
        try {
            mvc.perform(put("/api/v1/tenants/acme-f/credentials/api_key").with(httpBasic(ADMIN, ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"" + SECRET + "\"}"))
                    .andExpect(status().isInternalServerError())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(content().string(not(containsString(SECRET))));
        } finally {
            VAULT.answerWritesWithoutCreatedTime(false);
        }

        assertThat(VAULT.current("mcp-gateway/tenants/acme-f")).containsEntry("api_key", SECRET);
        assertThat(jdbc.sql("SELECT action, tenant_id, outcome, detail FROM audit_event WHERE action = 'credential.set'")
                .query().singleRow())
                .containsEntry("tenant_id", "acme-f")
                .containsEntry("outcome", "failed")
                .hasEntrySatisfying("detail", detail -> assertThat((String) detail).startsWith("key api_key")
                        .doesNotContain(SECRET));
    }

    @Test
    void credentialWriteIsRecordedAsPendingBeforeVaultIsWritten() throws Exception {
        tenant("acme-p", "Acme");
        VAULT.seal();
        try {
            mvc.perform(put("/api/v1/tenants/acme-p/credentials/api_key").with(httpBasic(ADMIN, ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"x\"}"))
                    .andExpect(status().isServiceUnavailable());
        } finally {
            VAULT.unseal();
        }
        mvc.perform(put("/api/v1/tenants/acme-p/credentials/api_key").with(httpBasic(ADMIN, ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"x\"}"))
                .andExpect(status().isNoContent());

        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'credential.set' ORDER BY id")
                .query(String.class).list())
                .containsExactly("failed", "succeeded");
    }
}
