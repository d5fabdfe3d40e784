package dev.mcpgateway.gateway.openapi;

import static dev.mcpgateway.gateway.openapi.SpecAssertions.assertEveryReferenceResolves;
import static dev.mcpgateway.gateway.openapi.SpecAssertions.operationIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import dev.mcpgateway.testing.FakeMcpoServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TenantSpecRewriterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode MCPO_SPEC = JSON.readTree(FakeMcpoServer.filesystemSpec());

    private final TenantSpecRewriter rewriter = new TenantSpecRewriter();

    @Test
    void rewritesMcpoOperationIdsToTenantQualifiedToolNames() {
        TenantToolSpec spec = rewriter.rewrite(tenant("google"), MCPO_SPEC);

        assertThat(operationIds(spec.spec())).containsExactly(
                "google__read_file", "google__write_file", "google__edit_file", "google__move_file",
                "google__list_allowed_directories");
        assertThat(spec.operations()).extracting(ToolOperation::tool).containsExactly(
                "read_file", "write_file", "edit_file", "move_file", "list_allowed_directories");
        assertThat(spec.operations().get(0)).isEqualTo(new ToolOperation("read_file", "google__read_file", "POST",
                "/read_file", "Read the complete contents of a file from the file system. Only works within allowed directories."));
    }

    @Test
    void removesToolsThatARuleDeniesForEveryone() {
        Tenant tenant = tenant("google", new ToolRule("move_*", RuleLevel.DENY), new ToolRule("write_file", RuleLevel.ADMIN));

        JsonNode spec = rewriter.rewrite(tenant, MCPO_SPEC).spec();

        assertThat(spec.path("paths").propertyNames())
                .containsExactly("/read_file", "/write_file", "/edit_file", "/list_allowed_directories");
    }

    @Test
    void keepsPathsRelativeToTheTenantConnectionUrlAndPointsServersAtTheGateway() {
        JsonNode spec = rewriter.rewrite(tenant("company-c"), MCPO_SPEC).spec();

        // Open WebUI calls <connection url><path>: http://gateway/tools/company-c + /read_file
        assertThat(spec.path("paths").has("/read_file")).isTrue();
        assertThat(spec.path("servers")).hasSize(1);
        assertThat(spec.path("servers").get(0).path("url").stringValue()).isEqualTo("/tools/company-c");
        assertThat(spec.path("info").path("title").stringValue()).isEqualTo("Display company-c");
    }

    @Test
    void keepsComponentsSoRequestBodyReferencesResolve() {
        JsonNode spec = rewriter.rewrite(tenant("google"), MCPO_SPEC).spec();

        assertThat(spec.at("/paths/~1read_file/post/requestBody/content/application~1json/schema/$ref").stringValue())
                .isEqualTo("#/components/schemas/read_file_form_model");
        assertEveryReferenceResolves(spec);
    }

    @Test
    void replacesTheBackendsSecurityWithTheGatewayClientKey() {
        JsonNode spec = rewriter.rewrite(tenant("google"), MCPO_SPEC).spec();

        assertThat(spec.at("/components/securitySchemes").propertyNames()).containsExactly("gatewayClientKey");
        assertThat(spec.at("/paths/~1read_file/post").has("security")).isFalse();
        assertThat(spec.at("/security/0").has("gatewayClientKey")).isTrue();
    }

    @Test
    void hashesOperationIdsThatWouldExceedSixtyFourCharacters() {
        String longTenant = "acme-" + "x".repeat(35); // 40 characters: read_file fits, list_allowed_directories does not

        List<String> ids = operationIds(rewriter.rewrite(tenant(longTenant), MCPO_SPEC).spec());

        assertThat(ids).allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9_-]+"));
        assertThat(ids).contains(longTenant + "__read_file").doesNotHaveDuplicates();
        String hashed = ids.get(4);
        assertThat(hashed).hasSize(64).startsWith(longTenant + "__list").matches(".*_[0-9a-f]{8}");
        assertThat(operationIds(rewriter.rewrite(tenant(longTenant), MCPO_SPEC).spec())).containsExactlyElementsOf(ids);
    }

    @Test
    void givesEveryOperationOfOneToolItsOwnOperationIdAndDropsNonOperationKeys() {
        JsonNode backend = JSON.readTree("""
                {"openapi": "3.0.3", "info": {"title": "x", "version": "2"},
                 "paths": {
                   "/issues": {"summary": "issues", "parameters": [{"name": "project", "in": "query", "schema": {"type": "string"}}],
                               "get": {"operationId": "list"}, "post": {"operationId": "create"}},
                   "/issues/{id}": {"get": {"operationId": "get", "parameters": [{"name": "id", "in": "path", "required": true}]}},
                   "/{anything}": {"get": {"operationId": "templated"}},
                   "/openapi.json": {"get": {"operationId": "spec"}},
                   "/": {"get": {"operationId": "root"}}
                 }}""");

        JsonNode spec = rewriter.rewrite(tenant("jira"), backend).spec();

        assertThat(spec.path("paths").propertyNames()).containsExactly("/issues", "/issues/{id}");
        assertThat(spec.at("/paths/~1issues").propertyNames()).containsExactly("get", "post");
        assertThat(operationIds(spec)).containsExactly("jira__issues", "jira__issues_post", "jira__issues_get");
        assertThat(spec.at("/paths/~1issues/post/parameters/0/name").stringValue()).isEqualTo("project");
        assertThat(spec.path("openapi").stringValue()).isEqualTo("3.0.3");
    }

    @Test
    void leavesTheCachedBackendSpecUntouched() {
        JsonNode before = MCPO_SPEC.deepCopy();

        rewriter.rewrite(tenant("google", new ToolRule("read_file", RuleLevel.DENY)), MCPO_SPEC);

        assertThat(MCPO_SPEC).isEqualTo(before);
    }

    static Tenant tenant(String id, ToolRule... rules) {
        return new Tenant(id, "Display " + id, URI.create("http://127.0.0.1:1"), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of(rules)));
    }
}
