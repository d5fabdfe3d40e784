package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.directory.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a backend's spec into the one Open WebUI gets for a tenant connection ({@code http://<gateway>/tools/<tenant>}):
 * every operationId becomes the tenant-qualified tool name ({@code ToolNames.qualified}), tools a rule denies for
 * everyone disappear, {@code servers} points at {@code /tools/<tenant>} (Open WebUI itself joins the connection URL and
 * the path), path items keep only operations (Open WebUI reads every key of a path item as one), and the backend's
 * own security is replaced by the gateway's client key. {@code components} stay, so mcpo's {@code $ref} bodies resolve.
 */
@Component
public class TenantSpecRewriter {

    static final String CLIENT_KEY_SCHEME = "gatewayClientKey";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The tenant's spec; {@code backendSpec} is not modified. */
    public TenantToolSpec rewrite(Tenant tenant, JsonNode backendSpec) {
        ObjectNode spec = NODES.objectNode();
        spec.put("openapi", textOr(backendSpec.path("openapi"), "3.1.0"));
        spec.set("info", info(tenant, backendSpec.path("info")));
        spec.putArray("servers").addObject()
                .put("url", "/tools/" + tenant.id())
                .put("description", "the MCP Tenant Gateway, tenant " + tenant.id());
        copyIfPresent(backendSpec, spec, "tags");
        copyIfPresent(backendSpec, spec, "externalDocs");
        copyIfPresent(backendSpec, spec, "jsonSchemaDialect");

        ObjectNode paths = spec.putObject("paths");
        List<ToolOperation> operations = new ArrayList<>();
        OperationIds operationIds = new OperationIds();
        for (Map.Entry<String, JsonNode> pathItem : backendSpec.path("paths").properties()) {
            String tool = SpecPaths.toolOf(pathItem.getKey());
            if (tool == null || !pathItem.getValue().isObject() || tenant.policy().isDenied(tool)) {
                continue;
            }
            ObjectNode item = operationsOnly(tenant, tool, pathItem.getKey(), pathItem.getValue(), operationIds, operations);
            if (!item.isEmpty()) {
                paths.set(pathItem.getKey(), item);
            }
        }

        ObjectNode components = backendSpec.path("components").isObject()
                ? ((ObjectNode) backendSpec.path("components")).deepCopy()
                : NODES.objectNode();
        components.remove("securitySchemes");
        components.putObject("securitySchemes").putObject(CLIENT_KEY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "a gateway client key");
        spec.set("components", components);
        spec.putArray("security").addObject().putArray(CLIENT_KEY_SCHEME);
        return new TenantToolSpec(tenant, spec, List.copyOf(operations));
    }

    private static ObjectNode operationsOnly(Tenant tenant, String tool, String path, JsonNode sourceItem,
                                             OperationIds operationIds, List<ToolOperation> operations) {
        ObjectNode item = NODES.objectNode();
        JsonNode sharedParameters = sourceItem.path("parameters");
        for (Map.Entry<String, JsonNode> entry : sourceItem.properties()) {
            String method = entry.getKey().toLowerCase(Locale.ROOT);
            if (!SpecPaths.HTTP_METHODS.contains(method) || !entry.getValue().isObject()) {
                continue;
            }
            ObjectNode operation = ((ObjectNode) entry.getValue()).deepCopy();
            // The backend's credentials are the gateway's business (Vault); its servers would bypass the gateway.
            operation.remove("security");
            operation.remove("servers");
            mergeParameters(operation, sharedParameters);
            String operationId = operationIds.allocate(tenant.id(), tool, method);
            operation.put("operationId", operationId);
            item.set(method, operation);
            operations.add(new ToolOperation(tool, operationId, method.toUpperCase(Locale.ROOT), path, description(operation)));
        }
        return item;
    }

    /** Path-level parameters move into each operation, unless the operation overrides them (same name and location). */
    private static void mergeParameters(ObjectNode operation, JsonNode sharedParameters) {
        if (!sharedParameters.isArray() || sharedParameters.isEmpty()) {
            return;
        }
        ArrayNode own = operation.path("parameters").isArray()
                ? (ArrayNode) operation.get("parameters")
                : operation.putArray("parameters");
        List<JsonNode> inherited = new ArrayList<>();
        for (JsonNode shared : sharedParameters) {
            boolean overridden = false;
            for (JsonNode parameter : own) {
                if (parameter.path("name").equals(shared.path("name")) && parameter.path("in").equals(shared.path("in"))) {
                    overridden = true;
                    break;
                }
            }
            if (!overridden) {
                inherited.add(shared.deepCopy());
            }
        }
        own.addAll(inherited);
    }

    private static ObjectNode info(Tenant tenant, JsonNode backendInfo) {
        ObjectNode info = NODES.objectNode();
        info.put("title", tenant.displayName());
        String backendDescription = textOr(backendInfo.path("description"), "");
        info.put("description", ("Tools of " + tenant.displayName() + " (tenant " + tenant.id()
                + ") through the MCP Tenant Gateway. " + backendDescription).strip());
        info.put("version", textOr(backendInfo.path("version"), "1.0"));
        return info;
    }

    private static String description(JsonNode operation) {
        String description = textOr(operation.path("description"), "");
        return description.isBlank() ? textOr(operation.path("summary"), "") : description;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value.deepCopy());
        }
    }

    static String textOr(JsonNode node, String fallback) {
        return node != null && node.isString() ? node.stringValue() : fallback;
    }
}
