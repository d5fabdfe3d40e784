package dev.mcpgateway.gateway.openapi;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One spec with every given tenant's tools, for a single connection at {@code http://<gateway>}: paths become
 * {@code /tools/<tenant>/<tool>}, component names get the tenant's prefix ({@code google__read_file_form_model}) with
 * every {@code $ref} following, so identical schema names of two tenants never collide, and operationIds stay unique.
 * Operations are tagged with their tenant.
 */
@Component
public class AggregatedSpecBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COMPONENTS_REF = "#/components/";
    private static final String PATHS_REF = "#/paths/~1";

    /** The aggregated document; the given tenant specs are consumed (modified). */
    public ObjectNode build(List<TenantToolSpec> tenantSpecs) {
        List<TenantToolSpec> ordered = tenantSpecs.stream()
                .sorted(Comparator.comparing(spec -> spec.tenant().id()))
                .toList();
        ObjectNode spec = NODES.objectNode();
        spec.put("openapi", version(ordered));
        spec.putObject("info")
                .put("title", "MCP Tenant Gateway")
                .put("description", "The tools of every enabled tenant; each call is checked against the caller's membership.")
                .put("version", "1.0");
        var tags = spec.putArray("tags");
        ObjectNode paths = spec.putObject("paths");
        ObjectNode components = spec.putObject("components");
        OperationIds operationIds = new OperationIds();

        for (TenantToolSpec tenantSpec : ordered) {
            String tenant = tenantSpec.tenant().id();
            String prefix = tenant + "__";
            tags.addObject().put("name", tenant).put("description", tenantSpec.tenant().displayName());
            ObjectNode document = tenantSpec.spec();
            prefixReferences(document.path("paths"), prefix, tenant);
            prefixReferences(document.path("components"), prefix, tenant);

            for (Map.Entry<String, JsonNode> pathItem : document.path("paths").properties()) {
                String tool = SpecPaths.toolOf(pathItem.getKey());
                for (Map.Entry<String, JsonNode> operation : pathItem.getValue().properties()) {
                    ObjectNode op = (ObjectNode) operation.getValue();
                    op.putArray("tags").add(tenant);
                    op.put("operationId", operationIds.claim(op.path("operationId").stringValue(), tenant, tool, operation.getKey()));
                }
                paths.set("/tools/" + tenant + pathItem.getKey(), pathItem.getValue());
            }
            for (Map.Entry<String, JsonNode> section : document.path("components").properties()) {
                if (section.getKey().equals("securitySchemes") || !section.getValue().isObject()) {
                    continue;
                }
                ObjectNode merged = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                for (Map.Entry<String, JsonNode> component : section.getValue().properties()) {
                    merged.set(prefix + component.getKey(), component.getValue());
                }
            }
        }
        components.putObject("securitySchemes").putObject(TenantSpecRewriter.CLIENT_KEY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "a gateway client key");
        spec.putArray("security").addObject().putArray(TenantSpecRewriter.CLIENT_KEY_SCHEME);
        return spec;
    }

    /** 3.1 when any tenant's spec is 3.1 (3.0 documents read fine as 3.1), else 3.0. */
    private static String version(List<TenantToolSpec> specs) {
        boolean all30 = !specs.isEmpty() && specs.stream()
                .allMatch(spec -> TenantSpecRewriter.textOr(spec.spec().path("openapi"), "").startsWith("3.0"));
        return all30 ? "3.0.3" : "3.1.0";
    }

    /**
     * Rewrites local references to follow the renaming: {@code #/components/schemas/X} → {@code .../<tenant>__X} and
     * {@code #/paths/~1x} → {@code #/paths/~1tools~1<tenant>~1x}; also discriminator mappings, which hold references as values.
     */
    private static void prefixReferences(JsonNode node, String prefix, String tenant) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                prefixReferences(element, prefix, tenant);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        Map<String, String> rewritten = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            if (field.getKey().equals("$ref") && value.isString()) {
                rewritten.put("$ref", prefixed(value.stringValue(), prefix, tenant));
            } else if (field.getKey().equals("mapping") && value.isObject()) {
                prefixMappingValues((ObjectNode) value, prefix, tenant);
            } else {
                prefixReferences(value, prefix, tenant);
            }
        }
        rewritten.forEach(object::put);
    }

    private static void prefixMappingValues(ObjectNode mapping, String prefix, String tenant) {
        Map<String, String> rewritten = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
            if (entry.getValue().isString()) {
                rewritten.put(entry.getKey(), prefixed(entry.getValue().stringValue(), prefix, tenant));
            }
        }
        rewritten.forEach(mapping::put);
    }

    private static String prefixed(String reference, String prefix, String tenant) {
        if (reference.startsWith(COMPONENTS_REF)) {
            int sectionEnd = reference.indexOf('/', COMPONENTS_REF.length());
            if (sectionEnd > 0) {
                return reference.substring(0, sectionEnd + 1) + prefix + reference.substring(sectionEnd + 1);
            }
        } else if (reference.startsWith(PATHS_REF)) {
            return PATHS_REF + "tools~1" + tenant + "~1" + reference.substring(PATHS_REF.length());
        }
        return reference;
    }
}
