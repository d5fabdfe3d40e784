package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.identity.TestAuthorizationServer;
import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The npm TypeScript SDK client as an OAuth MCP client (issue 11): with only its client credentials it meets the
 * gateway's 401 on {@code /mcp}, follows the RFC 9728 metadata to the in-process authorization server, gets a token
 * there and lists the tools of the person the token names, and no one else's.
 */
class OAuthMcpClientInteropIntegrationTests {

    private static final String PERSON = "oauth-person@company.com";
    private static final String AUDIENCE = "mcp-tenant-gateway";
    private static final Duration RUN_BOUND = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static NpmPeers peers;
    private static TestAuthorizationServer idp;
    private static FakeMcpoServer ownBackend;
    private static FakeMcpoServer otherBackend;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        peers = NpmPeers.installed();
        idp = TestAuthorizationServer.start();
        idp.issueTokensFor(PERSON, AUDIENCE);
        ownBackend = FakeMcpoServer.start();
        otherBackend = FakeMcpoServer.start();
        String database = TestPostgres.freshDatabaseUrl();
        // No public-base-url: the resource is derived from the request, so it matches the URL the client uses.
        gateway = GatewayInstance.start(database, Map.of(
                "mcpgateway.identity.oidc.issuer-uri", idp.issuer(),
                "mcpgateway.identity.oidc.audiences", AUDIENCE,
                "mcpgateway.identity.oidc.scopes", "mcp"));
        new TenancyRows(database)
                .tenant("own", "Own", ownBackend.url(), "openapi", false)
                .tenant("other", "Other", otherBackend.url(), "openapi", false)
                .member("own", PERSON, "read")
                .member("other", "someone-else@company.com", "write");
        TenancyRows.awaitMembership(gateway, PERSON, "own");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {ownBackend, otherBackend, idp}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the next test class starts its own
                }
            }
        }
    }

    /** The script knows the gateway's URL and its client credentials, not the authorization server. */
    @Test
    void sdkClientWithClientCredentialsDiscoversTheIdpFromThe401AndListsOnlyItsPersonsTools() {
        List<String> command = new ArrayList<>(List.of(peers.node().toString(),
                peers.script("oauth-client-check.mjs").toString(), gateway.baseUrl() + "/mcp",
                idp.clientId(), idp.clientSecret()));
        NpmPeers.Result result = peers.run(command, Map.of(), RUN_BOUND);

        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        JsonNode answer = JSON.readTree(lines[lines.length - 1]);
        List<String> tools = new ArrayList<>();
        answer.path("tools").forEach(tool -> tools.add(tool.asString()));
        assertThat(tools).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("own__"));
    }
}
