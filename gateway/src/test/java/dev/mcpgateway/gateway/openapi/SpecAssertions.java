package dev.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks over whole OpenAPI documents that several tests share. */
final class SpecAssertions {

    private SpecAssertions() {
    }

    /** Every {@code $ref} in the document points at something that exists in it. */
    static void assertEveryReferenceResolves(JsonNode spec) {
        List<String> references = new ArrayList<>();
        collectReferences(spec, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            JsonNode target = spec.at(reference.substring(1));
            assertThat(target.isMissingNode()).as("target of %s", reference).isFalse();
        }
    }

    static List<String> operationIds(JsonNode spec) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                ids.add(operation.getValue().path("operationId").stringValue());
            }
        }
        return ids;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isString()) {
                    references.add(field.getValue().stringValue());
                } else {
                    collectReferences(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collectReferences(element, references);
            }
        }
    }
}
