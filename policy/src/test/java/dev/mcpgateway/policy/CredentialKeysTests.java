package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialKeysTests {

    @Test
    void mapsApiKeyToAuthorization() {
        assertThat(CredentialKeys.headerName("api_key")).isEqualTo("Authorization");
    }

    @Test
    void mapsHeaderPrefixedKeysToTheNameAsWritten() {
        assertThat(CredentialKeys.headerName("header.X-Api-Key")).isEqualTo("X-Api-Key");
        assertThat(CredentialKeys.headerName("header.private-token")).isEqualTo("private-token");
    }

    @Test
    void derivesCapitalisedTenantHeadersFromOtherKeys() {
        assertThat(CredentialKeys.headerName("jira_url")).isEqualTo("X-Tenant-Jira-Url");
        assertThat(CredentialKeys.headerName("JIRA-URL")).isEqualTo("X-Tenant-Jira-Url");
        assertThat(CredentialKeys.headerName("api_key_2")).isEqualTo("X-Tenant-Api-Key-2");
        assertThat(CredentialKeys.headerName("API_KEY")).isEqualTo("X-Tenant-Api-Key");
    }

    @Test
    void givesNoHeaderAndAReasonForKeysThatMakeNoValidName() {
        for (String key : new String[] {"header.", "header.Bad Name", "jira.url", "__", "bücher", ""}) {
            assertThat(CredentialKeys.headerName(key)).as(key).isNull();
            assertThat(CredentialKeys.whyNoHeader(key)).as(key).startsWith("does not make a valid header name");
        }
    }

    @Test
    void refusesHeadersThatFrameOrRouteTheRequest() {
        assertThat(CredentialKeys.headerName("header.Host")).isNull();
        assertThat(CredentialKeys.whyNoHeader("header.content-length"))
                .isEqualTo("would set the content-length header, which credentials may not set");
        assertThat(CredentialKeys.whyNoHeader("header.X-Fine")).isNull();
    }

    @Test
    void sendsOnlySingleLineAsciiValues() {
        assertThat(CredentialKeys.isSendableValue("sk-123 with\ttab")).isTrue();
        assertThat(CredentialKeys.isSendableValue("a\r\nX-Admin: yes")).isFalse();
        assertThat(CredentialKeys.isSendableValue("line\n")).isFalse();
        assertThat(CredentialKeys.isSendableValue("caf\u00e9")).isFalse();
        assertThat(CredentialKeys.isSendableValue(" ")).isFalse();
        assertThat(CredentialKeys.isSendableValue(null)).isFalse();
    }
}
