package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProtocolEraTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENVELOPE = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    @Test
    void aRequestWithTheEnvelopeAndNoSessionIsModern() {
        assertThat(ProtocolEra.of(body("tools/list", "{" + ENVELOPE + "}"), new HttpHeaders())).isEqualTo(ProtocolEra.MODERN);
    }

    @Test
    void anEnvelopeNamingAnOldRevisionIsStillModernSoThatItIsAnsweredWithUnsupportedVersion() {
        JsonNode body = body("tools/list", "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2025-06-18\"}}");

        assertThat(ProtocolEra.of(body, new HttpHeaders())).isEqualTo(ProtocolEra.MODERN);
    }

    @Test
    void initializeIsLegacyUnlessItCarriesAModernEnvelope() {
        assertThat(ProtocolEra.of(body("initialize", "{\"protocolVersion\":\"2025-06-18\"}"), new HttpHeaders()))
                .isEqualTo(ProtocolEra.LEGACY);
        assertThat(ProtocolEra.of(body("initialize", "{" + ENVELOPE + "}"), new HttpHeaders()))
                .isEqualTo(ProtocolEra.MODERN);
    }

    @Test
    void aSessionIdMakesAnyRequestLegacyEvenWithAnEnvelope() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Mcp-Session-Id", "v1.abc");

        assertThat(ProtocolEra.of(body("tools/list", "{" + ENVELOPE + "}"), headers)).isEqualTo(ProtocolEra.LEGACY);
    }

    @Test
    void aModernVersionHeaderWithoutEnvelopeIsModernSoThatTheMissingEnvelopeIsReported() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("MCP-Protocol-Version", "2026-07-28");

        assertThat(ProtocolEra.of(body("tools/list", "{}"), headers)).isEqualTo(ProtocolEra.MODERN);
        headers.set("MCP-Protocol-Version", "2025-06-18");
        assertThat(ProtocolEra.of(body("tools/list", "{}"), headers)).isEqualTo(ProtocolEra.LEGACY);
    }

    @Test
    void batchesAndRequestsWithoutEnvelopeAreLegacy() {
        assertThat(ProtocolEra.of(JSON.readTree("[" + body("tools/list", "{" + ENVELOPE + "}") + "]"), new HttpHeaders()))
                .isEqualTo(ProtocolEra.LEGACY);
        assertThat(ProtocolEra.of(body("tools/list", "{}"), new HttpHeaders())).isEqualTo(ProtocolEra.LEGACY);
    }

    private static JsonNode body(String method, String params) {
        return JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}");
    }
}
