package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

class ModernEnvelopeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheRevisionCapabilitiesAndClientInfo() {
        ModernEnvelope envelope = ModernEnvelope.of(JSON.readTree("{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\",\"version\":\"1\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}"));

        assertThat(envelope.protocolVersion()).isEqualTo("2026-07-28");
        assertThat(envelope.clientInfo().path("name").asString()).isEqualTo("c");
    }

    @Test
    void refusesAnEnvelopeWithoutClientCapabilitiesAsInvalidParams() {
        BadMessage bad = refusal("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}");

        assertThat(bad.status).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.code).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(bad.getMessage()).contains("io.modelcontextprotocol/clientCapabilities: missing");
    }

    @Test
    void refusesAClientInfoWithoutNameAndVersion() {
        BadMessage bad = refusal("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/clientInfo\":\"c\"}}");

        assertThat(bad.code).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(bad.getMessage()).contains("clientInfo");
    }

    @Test
    void answersAnUnknownRevisionWithUnsupportedProtocolVersionNamingBothEras() {
        BadMessage bad = refusal("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2027-01-01\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}");

        assertThat(bad.status).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.code).isEqualTo(-32022);
        assertThat(bad.data).isEqualTo(Map.of("supported",
                List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"), "requested", "2027-01-01"));
    }

    @Test
    void answersASessionEraRevisionInTheEnvelopeWithUnsupportedProtocolVersion() {
        assertThat(refusal("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2025-06-18\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}").code).isEqualTo(-32022);
    }

    private static BadMessage refusal(String params) {
        return catchThrowableOfType(BadMessage.class, () -> ModernEnvelope.of(JSON.readTree(params)));
    }
}
