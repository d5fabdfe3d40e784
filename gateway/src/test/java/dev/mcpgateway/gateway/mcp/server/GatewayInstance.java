package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.GatewayApplication;
import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway replica started in this JVM on a random port, for tests that need several replicas sharing one
 * database and one session key.
 */
public final class GatewayInstance implements AutoCloseable {

    /** The key every replica of a test shares, as {@code mcpgateway.mcp.session-key} (32 bytes, base64). */
    public static final String SESSION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a replica on {@code databaseUrl}; {@code extra} properties override the defaults. */
    public static GatewayInstance start(String databaseUrl, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.cloud.vault.enabled", "false");
        properties.put("spring.jmx.enabled", "false");
        properties.put("mcpgateway.identity.openwebui-jwt-secret", OpenWebUiTokens.SECRET);
        properties.put("mcpgateway.mcp.session-key", SESSION_KEY);
        properties.put("mcpgateway.directory.reload-interval", "1h");
        properties.putAll(extra);
        // As command-line arguments: they win over application.yml (default properties would not).
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(args);
        return new GatewayInstance(context);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
