package dev.mcpgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.Versioned;

/**
 * Checks {@link FakeVault} against Spring Vault, the client the gateway really uses: every shape the fake answers
 * with must parse the way a real Vault's does, so tests that pass against the fake mean something.
 */
class FakeVaultTests {

    private static final String TOKEN = "fake-vault-root-token";

    private FakeVault vault;
    private VaultTemplate template;
    private VaultVersionedKeyValueOperations secrets;

    @BeforeEach
    void startVault() {
        vault = FakeVault.start(TOKEN, "secret");
        template = templateWithToken(TOKEN);
        secrets = template.opsForVersionedKeyValue("secret");
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    @Test
    void writeWithoutCreatedTimeInItsAnswerChangesTheSecretButFailsInTheClient() {
        vault.answerWritesWithoutCreatedTime(true);

        assertThatThrownBy(() -> secrets.put("mcp-gateway/tenants/acme", Map.of("api_key", "new")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("created_time");

        assertThat(vault.current("mcp-gateway/tenants/acme")).containsEntry("api_key", "new");
        vault.answerWritesWithoutCreatedTime(false);
        secrets.put("mcp-gateway/tenants/acme", Map.of("api_key", "newer"));
        assertThat(vault.current("mcp-gateway/tenants/acme")).containsEntry("api_key", "newer");
    }

    @Test
    void readsSecretWithItsVersionAndCreationTime() {
        vault.put("mcp-gateway/tenants/google", Map.of("api_key", "g-key", "jira_url", "https://jira.example"));

        Versioned<Map<String, Object>> secret = secrets.get("mcp-gateway/tenants/google");

        assertThat(secret).isNotNull();
        assertThat(secret.getData()).containsEntry("api_key", "g-key").containsEntry("jira_url", "https://jira.example");
        assertThat(secret.getVersion().getVersion()).isEqualTo(1);
        assertThat(secret.getRequiredMetadata().getCreatedAt()).isNotNull();
        assertThat(secret.getRequiredMetadata().isDeleted()).isFalse();
        assertThat(vault.dataReads()).isEqualTo(1);
    }

    @Test
    void readsMissingSecretAsNull() {
        assertThat(secrets.get("mcp-gateway/tenants/nobody")).isNull();
    }

    @Test
    void writesThroughTheTemplateCreateNewVersions() {
        Versioned.Metadata first = secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "one"));
        Versioned.Metadata second = secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "two"));

        assertThat(first.getVersion().getVersion()).isEqualTo(1);
        assertThat(second.getVersion().getVersion()).isEqualTo(2);
        assertThat(vault.current("mcp-gateway/tenants/google")).isEqualTo(Map.of("api_key", "two"));
        assertThat(secrets.get("mcp-gateway/tenants/google").getVersion().getVersion()).isEqualTo(2);
    }

    @Test
    void refusesCheckAndSetWriteAgainstAnotherVersion() {
        secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "one"));

        assertThatThrownBy(() -> secrets.put("mcp-gateway/tenants/google",
                Versioned.create(Map.of("api_key", "two"), Versioned.Version.from(5))))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("check-and-set");
        assertThat(vault.current("mcp-gateway/tenants/google")).isEqualTo(Map.of("api_key", "one"));
    }

    @Test
    void readsSoftDeletedSecretAsDeletedWithoutData() {
        secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "one"));
        secrets.delete("mcp-gateway/tenants/google");

        Versioned<Map<String, Object>> secret = secrets.get("mcp-gateway/tenants/google");

        assertThat(secret).isNotNull();
        assertThat(secret.hasData()).isFalse();
        assertThat(secret.getRequiredMetadata().isDeleted()).isTrue();
        assertThat(vault.current("mcp-gateway/tenants/google")).isNull();
    }

    @Test
    void answersMetadataWithEveryVersion() {
        secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "one"));
        secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "two"));

        VaultMetadataResponse metadata = secrets.opsForKeyValueMetadata().get("mcp-gateway/tenants/google");

        assertThat(metadata.getCurrentVersion()).isEqualTo(2);
        assertThat(metadata.getVersions()).hasSize(2);
        assertThat(metadata.getCreatedTime()).isNotNull();
        assertThat(metadata.isCasRequired()).isFalse();
    }

    @Test
    void listsTheSecretsUnderAPath() {
        vault.put("mcp-gateway/tenants/google", Map.of("api_key", "g"));
        vault.put("mcp-gateway/tenants/microsoft", Map.of("api_key", "m"));
        vault.put("other/thing", Map.of("k", "v"));

        assertThat(secrets.list("mcp-gateway/tenants")).containsExactly("google", "microsoft");
        assertThat(secrets.list("mcp-gateway")).containsExactly("tenants/");
    }

    @Test
    void answersTokenLookupAndKeyValueVersion2MountLookup() {
        VaultResponse self = template.read("auth/token/lookup-self");
        VaultResponse mount = template.read("sys/internal/ui/mounts/secret/mcp-gateway");

        assertThat(self).isNotNull();
        assertThat(self.getRequiredData()).containsKey("policies");
        assertThat(mount).isNotNull();
        assertThat(mount.getRequiredData()).containsEntry("type", "kv").containsEntry("path", "secret/");
        assertThat(mount.getRequiredData().get("options")).isEqualTo(Map.of("version", "2"));
    }

    @Test
    void reportsHealthWithoutATokenAndSealedWhileSealed() {
        VaultTemplate anonymous = new VaultTemplate(VaultEndpoint.from(URI.create(vault.uri())),
                new SimpleClientHttpRequestFactory());

        VaultHealth healthy = anonymous.opsForSys().health();
        vault.seal();
        VaultHealth sealed = anonymous.opsForSys().health();

        assertThat(healthy.isInitialized()).isTrue();
        assertThat(healthy.isSealed()).isFalse();
        assertThat(healthy.getVersion()).isNotBlank();
        assertThat(sealed.isSealed()).isTrue();
    }

    @Test
    void deniesCallsWithAWrongToken() {
        vault.put("mcp-gateway/tenants/google", Map.of("api_key", "g"));
        VaultVersionedKeyValueOperations wrongToken = templateWithToken("not-the-token").opsForVersionedKeyValue("secret");

        assertThatThrownBy(() -> wrongToken.get("mcp-gateway/tenants/google"))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("permission denied");
    }

    @Test
    void failsEveryCallWhileSealedAndAnswersAgainWhenUnsealed() {
        vault.put("mcp-gateway/tenants/google", Map.of("api_key", "g"));
        vault.seal();

        assertThatThrownBy(() -> secrets.get("mcp-gateway/tenants/google"))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("Vault is sealed");

        vault.unseal();
        assertThat(secrets.get("mcp-gateway/tenants/google").getData()).containsEntry("api_key", "g");
    }

    @Test
    void refusesConnectionsOnceStopped() {
        vault.stop();

        assertThatThrownBy(() -> secrets.get("mcp-gateway/tenants/google")).isInstanceOf(RuntimeException.class);
    }

    private VaultTemplate templateWithToken(String token) {
        return new VaultTemplate(VaultEndpoint.from(URI.create(vault.uri())), new SimpleClientHttpRequestFactory(),
                new SimpleSessionManager(new TokenAuthentication(token)));
    }
}
