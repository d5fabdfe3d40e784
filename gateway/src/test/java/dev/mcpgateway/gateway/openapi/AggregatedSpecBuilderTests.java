package dev.mcpgateway.gateway.openapi;

import static dev.mcpgateway.gateway.openapi.SpecAssertions.assertEveryReferenceResolves;
import static dev.mcpgateway.gateway.openapi.SpecAssertions.operationIds;
import static dev.mcpgateway.gateway.openapi.TenantSpecRewriterTests.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.testing.FakeMcpoServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AggregatedSpecBuilderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode MCPO_SPEC = JSON.readTree(FakeMcpoServer.filesystemSpec());

    private final TenantSpecRewriter rewriter = new TenantSpecRewriter();
    private final AggregatedSpecBuilder builder = new AggregatedSpecBuilder();

    @Test
    void putsEveryTenantsToolsUnderItsOwnPathWithUniqueOperationIds() {
        JsonNode spec = builder.build(List.of(
                rewriter.rewrite(tenant("microsoft"), MCPO_SPEC),
                rewriter.rewrite(tenant("google"), MCPO_SPEC)));

        assertThat(spec.path("paths").propertyNames()).hasSize(10)
                .contains("/tools/google/read_file", "/tools/microsoft/read_file");
        assertThat(operationIds(spec)).hasSize(10).doesNotHaveDuplicates()
                .startsWith("google__read_file").contains("microsoft__read_file");
        assertThat(spec.at("/paths/~1tools~1google~1read_file/post/tags/0").stringValue()).isEqualTo("google");
        assertThat(spec.has("servers")).isFalse();
    }

    @Test
    void prefixesSchemaNamesPerTenantSoIdenticalNamesDoNotCollide() {
        JsonNode spec = builder.build(List.of(
                rewriter.rewrite(tenant("google"), MCPO_SPEC),
                rewriter.rewrite(tenant("microsoft"), MCPO_SPEC)));

        assertThat(spec.at("/components/schemas").propertyNames())
                .contains("google__read_file_form_model", "microsoft__read_file_form_model",
                        "google__HTTPValidationError", "microsoft__ValidationError")
                .doesNotContain("read_file_form_model");
        assertThat(spec.at("/paths/~1tools~1microsoft~1read_file/post/requestBody/content/application~1json/schema/$ref")
                .stringValue()).isEqualTo("#/components/schemas/microsoft__read_file_form_model");
        assertThat(spec.at("/components/schemas/google__edit_file_form_model/properties/edits/items/$ref").stringValue())
                .isEqualTo("#/components/schemas/google__edit_file_edits_model");
        assertEveryReferenceResolves(spec);
    }

    @Test
    void isAValidEmptyDocumentWithoutTenants() {
        JsonNode spec = builder.build(List.of());

        assertThat(spec.path("openapi").stringValue()).isEqualTo("3.1.0");
        assertThat(spec.path("paths").isEmpty()).isTrue();
    }
}
