package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class RequestHeaderNamesTests {

    @Test
    void findsTheNamesThatPassTheTestAsSentAndOnce() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/tools/google/read_file")
                .header("authorization", "Bearer key")
                .header("X-OpenWebUI-User-Email", "a@b.c")
                .header("x-openwebui-user-name", "A")
                .header("X-OpenWebUI-Chat-Id", "chat")
                .header("Content-Type", "application/json")
                .build();

        assertThat(RequestHeaderNames.matching(request, name -> RequestHeaderNames.equalsIgnoringCase(name, "Authorization")
                || RequestHeaderNames.startsWithIgnoringCase(name, "X-OpenWebUI-User-")))
                .containsExactlyInAnyOrder("authorization", "X-OpenWebUI-User-Email", "x-openwebui-user-name");
        assertThat(RequestHeaderNames.matching(request, name -> false)).isEmpty();
    }

    @Test
    void comparesIgnoringCaseOnlyWhereItShould() {
        assertThat(RequestHeaderNames.startsWithIgnoringCase("x-tenant-api-key", "X-Tenant-")).isTrue();
        assertThat(RequestHeaderNames.startsWithIgnoringCase("X-Tenant", "X-Tenant-")).isFalse();
        assertThat(RequestHeaderNames.startsWithIgnoringCase("X-Tenants-", "X-Tenant-")).isFalse();
        assertThat(RequestHeaderNames.equalsIgnoringCase("AUTHORIZATION", "Authorization")).isTrue();
        assertThat(RequestHeaderNames.equalsIgnoringCase("Authorization-Extra", "Authorization")).isFalse();
    }
}
