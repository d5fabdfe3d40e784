package dev.mcpgateway.admin.toolrule;

import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.tenant.Tenant;
import dev.mcpgateway.policy.ToolPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The tools a tenant's backend offers right now, read from its mcpo-style {@code /openapi.json}: each path's tool
 * is the gateway's, {@link ToolPaths#toolOfSpecPath} ({@code POST /read_file} → {@code read_file}). Unreachable backends and MCP backends give an
 * empty catalog with the reason, and the screens fall back to the rules alone.
 */
@Component
public class BackendTools {

    private static final Logger log = LoggerFactory.getLogger(BackendTools.class);

    /** The backend's tools, or why there are none to show. */
    public record Catalog(List<String> tools, String unavailableReason) {

        public boolean available() {
            return unavailableReason == null;
        }
    }

    private final RestClient http;

    BackendTools(AdminProperties properties) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.admin().backendTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.admin().backendTimeout());
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    public Catalog of(Tenant tenant) {
        if (!"openapi".equals(tenant.backendType())) {
            return new Catalog(List.of(), "the tool list of MCP backends is not read here");
        }
        String base = tenant.backendUrl().endsWith("/") ? tenant.backendUrl() : tenant.backendUrl() + "/";
        try {
            JsonNode spec = http.get().uri(URI.create(base + "openapi.json")).retrieve().body(JsonNode.class);
            return new Catalog(toolsOf(spec), null);
        } catch (RuntimeException e) {
            log.debug("Tool list of tenant {} unavailable: {}", tenant.id(), e.toString());
            return new Catalog(List.of(), "the backend's /openapi.json could not be read");
        }
    }

    static List<String> toolsOf(JsonNode spec) {
        TreeSet<String> tools = new TreeSet<>();
        JsonNode paths = spec == null ? null : spec.get("paths");
        if (paths != null && paths.isObject()) {
            for (String path : paths.propertyNames()) {
                String tool = ToolPaths.toolOfSpecPath(path);
                if (tool != null) {
                    tools.add(tool);
                }
            }
        }
        return new ArrayList<>(tools);
    }
}
