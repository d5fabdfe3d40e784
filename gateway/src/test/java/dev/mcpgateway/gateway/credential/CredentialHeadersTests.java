package dev.mcpgateway.gateway.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

@ExtendWith(OutputCaptureExtension.class)
class CredentialHeadersTests {

    @Test
    void mapsApiKeyToBearerAuthorization() {
        assertThat(headersOf(Map.of("api_key", "s3cr3t")).getFirst("Authorization")).isEqualTo("Bearer s3cr3t");
    }

    @Test
    void mapsHeaderPrefixedKeyToTheNamedHeader() {
        HttpHeaders headers = headersOf(Map.of("header.X-Api-Key", "abc", "header.Private-Token", "def"));

        assertThat(headers.getFirst("X-Api-Key")).isEqualTo("abc");
        assertThat(headers.getFirst("Private-Token")).isEqualTo("def");
        assertThat(headers.size()).isEqualTo(2);
    }

    @Test
    void mapsOtherKeysToCapitalisedTenantHeaders() {
        TenantHeaders headers = CredentialHeaders.from("google", Map.of(
                "jira_url", "https://jira.example", "org-id", "42", "REGION", "eu", "apiToken", "t"));

        assertThat(headers.names()).containsExactlyInAnyOrder(
                "X-Tenant-Jira-Url", "X-Tenant-Org-Id", "X-Tenant-Region", "X-Tenant-Apitoken");
    }

    @Test
    void writesNumbersAndBooleansAsText() {
        HttpHeaders headers = headersOf(Map.of("max_results", 50, "verbose", true));

        assertThat(headers.getFirst("X-Tenant-Max-Results")).isEqualTo("50");
        assertThat(headers.getFirst("X-Tenant-Verbose")).isEqualTo("true");
    }

    @Test
    void skipsValuesWithLineBreaksWithoutLoggingThem(CapturedOutput output) {
        TenantHeaders headers = CredentialHeaders.from("google", Map.of(
                "api_key", "injected\r\nX-Admin: yes", "header.X-Ok", "fine", "note", "line1\nline2"));

        assertThat(headers.names()).containsExactly("X-Ok");
        assertThat(output).contains("Tenant 'google': Vault key 'api_key'", "Vault key 'note'");
        assertThat(output).doesNotContain("injected", "X-Admin", "line1", "line2");
    }

    @Test
    void skipsKeysThatMakeNoValidHeaderName(CapturedOutput output) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("header.Bad Name", "v1");
        secret.put("header.", "v2");
        secret.put("jira.url", "v3");
        secret.put("__", "v4");
        secret.put("bücher", "v5");
        secret.put("header.X-Good", "kept-value");

        TenantHeaders headers = CredentialHeaders.from("google", secret);

        assertThat(headers.names()).containsExactly("X-Good");
        assertThat(output).contains("'header.Bad Name' does not make a valid header name", "'jira.url'", "'__'");
        assertThat(output).doesNotContain("v1", "v2", "v3", "v4", "v5", "kept-value");
    }

    @Test
    void refusesHeadersThatFrameOrRouteTheRequest() {
        TenantHeaders headers = CredentialHeaders.from("google", Map.of(
                "header.Host", "evil.example", "header.Content-Length", "0", "header.Transfer-Encoding", "chunked",
                "header.X-Fine", "ok"));

        assertThat(headers.names()).containsExactly("X-Fine");
    }

    @Test
    void skipsNestedAndEmptyValues() {
        TenantHeaders headers = CredentialHeaders.from("google", Map.of(
                "nested", Map.of("a", "b"), "empty", "", "api_key", "k"));

        assertThat(headers.names()).containsExactly("Authorization");
    }

    @Test
    void letsExplicitHeaderKeyWinOverApiKeyForTheSameHeader(CapturedOutput output) {
        HttpHeaders headers = headersOf(Map.of("api_key", "bearer-one", "header.authorization", "Basic dXNlcjpwdw=="));

        assertThat(headers.get("Authorization")).containsExactly("Basic dXNlcjpwdw==");
        assertThat(output).contains("Vault key 'api_key' maps to header Authorization, which key 'header.authorization'");
        assertThat(output).doesNotContain("bearer-one", "dXNlcjpwdw");
    }

    @Test
    void keepsTheAlphabeticallyFirstOfTwoKeysWithTheSameDerivedHeader() {
        HttpHeaders headers = headersOf(Map.of("jira_url", "underscore", "jira-url", "dash"));

        assertThat(headers.get("X-Tenant-Jira-Url")).containsExactly("dash");
    }

    @Test
    void givesNoHeadersForAnEmptyOrMissingSecret() {
        assertThat(CredentialHeaders.from("google", Map.of()).isEmpty()).isTrue();
        assertThat(CredentialHeaders.from("google", null).isEmpty()).isTrue();
    }

    @Test
    void namesHeadersButNeverValuesInToString() {
        TenantHeaders headers = CredentialHeaders.from("google", Map.of("api_key", "s3cr3t", "jira_url", "hidden-url"));

        assertThat(headers.toString()).contains("Authorization", "X-Tenant-Jira-Url")
                .doesNotContain("s3cr3t", "hidden-url", "Bearer");
    }

    private static HttpHeaders headersOf(Map<String, ?> secret) {
        HttpHeaders headers = new HttpHeaders();
        CredentialHeaders.from("google", secret).applyTo(headers);
        return headers;
    }
}
