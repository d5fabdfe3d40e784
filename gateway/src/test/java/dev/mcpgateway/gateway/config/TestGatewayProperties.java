package dev.mcpgateway.gateway.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link GatewayProperties} bound the way Spring Boot binds them (defaults, conversions, validation), from a few
 * properties, for unit tests. Binding instead of calling the record constructors keeps tests compiling when the tree
 * grows.
 */
public final class TestGatewayProperties {

    private TestGatewayProperties() {
    }

    /** Every default. */
    public static GatewayProperties defaults() {
        return bind(Map.of());
    }

    /** {@code properties} (full names, e.g. {@code mcpgateway.identity.trust-plain-headers}) over the defaults. */
    public static GatewayProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("mcpgateway", GatewayProperties.class);
    }
}
