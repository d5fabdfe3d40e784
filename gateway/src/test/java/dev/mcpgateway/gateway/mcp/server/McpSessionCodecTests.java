package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class McpSessionCodecTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final McpSessionCodec codec = new McpSessionCodec(McpSessionCodec.keyFrom(KEY));

    @Test
    void opensWhatItSealedIncludingTheBackendSession() {
        McpSession session = new McpSession("a@example.com", "2025-06-18",
                Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS), "google", "backend-session-1");

        assertThat(codec.open(codec.seal(session))).contains(session);
    }

    @Test
    void sealsTheSameSessionDifferentlyEachTimeAndNeverInPlainText() {
        McpSession session = new McpSession("a@example.com", "2025-06-18", Instant.now(), null, "backend-secret");

        String first = codec.seal(session);
        assertThat(first).isNotEqualTo(codec.seal(session)).doesNotContain("a@example.com");
        assertThat(new String(Base64.getUrlDecoder().decode(first.substring(3)))).doesNotContain("backend-secret");
    }

    @Test
    void refusesAnIdAlteredInAnyCharacter() {
        String id = codec.seal(new McpSession("a@example.com", "2025-06-18", Instant.now(), null, null));
        char last = id.charAt(id.length() - 5);
        String altered = id.substring(0, id.length() - 5) + (last == 'A' ? 'B' : 'A') + id.substring(id.length() - 4);

        assertThat(codec.open(altered)).isEmpty();
    }

    @Test
    void refusesIdsSealedWithAnotherKey() {
        McpSessionCodec other = new McpSessionCodec(McpSessionCodec.keyFrom(
                Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes())));
        String id = other.seal(new McpSession("a@example.com", "2025-06-18", Instant.now(), null, null));

        assertThat(codec.open(id)).isEmpty();
        assertThat(codec.open("not-a-session")).isEmpty();
        assertThat(codec.open("v1.%%%")).isEmpty();
    }

    @Test
    void rejectsAKeyOfTheWrongLengthAtStartup() {
        assertThatThrownBy(() -> McpSessionCodec.keyFrom(Base64.getEncoder().encodeToString(new byte[10])))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> McpSessionCodec.keyFrom("not base64!"))
                .hasMessageContaining("base64");
    }
}
