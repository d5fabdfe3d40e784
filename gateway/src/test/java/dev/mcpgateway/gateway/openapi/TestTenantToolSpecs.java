package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/** {@link TenantToolSpecs} wired for unit tests of other packages, with the given spec sources. */
public final class TestTenantToolSpecs {

    private TestTenantToolSpecs() {
    }

    public static TenantToolSpecs of(TenantDirectory directory, TenantSpecSource... sources) {
        TenantSpecCache cache = new TenantSpecCache(List.of(sources), TestGatewayProperties.defaults(), new SimpleMeterRegistry());
        return new TenantToolSpecs(directory, cache, new TenantSpecRewriter());
    }
}
