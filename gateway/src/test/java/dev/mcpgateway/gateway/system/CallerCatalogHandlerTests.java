package dev.mcpgateway.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.membership.ToolRequirements;
import dev.mcpgateway.gateway.openapi.TenantSpecSource;
import dev.mcpgateway.gateway.openapi.TestTenantToolSpecs;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRequirement;
import dev.mcpgateway.testing.FakeMcpoServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CallerCatalogHandlerTests {

    private static final JsonNode MCPO_SPEC = JsonMapper.builder().build().readTree(FakeMcpoServer.filesystemSpec());

    @Test
    void decidesToolsOfAnnotationTenantsWithTheAnnotationLevels() {
        Tenant files = new Tenant("files", "Files", URI.create("http://127.0.0.1:1/mcp"), BackendType.MCP, true, true,
                new TenantPolicy(AccessLevel.READ, List.of()));
        TenantDirectory directory = new TenantDirectory();
        directory.replace(new TenancySnapshot(Map.of("files", files), Map.of("reader@x.com", Map.of("files", AccessLevel.READ)), Map.of()));
        TenantSpecSource mcpSource = new TenantSpecSource() {
            @Override
            public BackendType backendType() {
                return BackendType.MCP;
            }

            @Override
            public Mono<JsonNode> fetchSpec(Tenant tenant) {
                return Mono.just(MCPO_SPEC);
            }
        };
        // only read_file is annotated read-only; everything else needs write
        ToolRequirements annotations = (tenant, tool) -> Mono.just(tool.equals("read_file")
                ? new ToolRequirement(RuleLevel.READ, "tool annotations")
                : new ToolRequirement(RuleLevel.WRITE, "tool annotations"));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("annotations", annotations));
        CallerCatalogHandler handler = new CallerCatalogHandler(directory, TestTenantToolSpecs.of(directory, mcpSource),
                beans.getBeanProvider(ToolRequirements.class));

        CallerTools body = toolsAs(handler, "reader@x.com");

        assertThat(body.tools()).extracting(CallerTools.ToolSummary::name).containsExactly("files__read_file");
        assertThat(body.tenantCount()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static CallerTools toolsAs(CallerCatalogHandler handler, String email) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/tools"));
        exchange.getAttributes().put(CallerIdentity.ATTRIBUTE, new CallerIdentity(email, null, null, null, null, null, null, "plain"));
        ServerRequest request = ServerRequest.create(exchange, HandlerStrategies.withDefaults().messageReaders());
        return ((EntityResponse<CallerTools>) handler.tools(request).block()).entity();
    }
}
