package dev.mcpgateway.gateway.route;

import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Takes out of the context the header filters of Spring Cloud Gateway that {@link BackendRequestHeadersFilter} and
 * {@link BackendResponseHeadersFilter} replace. Each of them copied all of a call's headers into a new map (four
 * copies per call, about a tenth of the gateway's CPU per call, BENCHMARKS.md), and Spring Cloud Gateway offers no
 * setting to turn them off. A Spring Cloud Gateway that no longer defines the two unconditional ones fails the start
 * here instead of silently forwarding what they removed twice.
 */
class ReplacedHeaderFilters implements BeanDefinitionRegistryPostProcessor {

    /** Always defined by Spring Cloud Gateway: hop-by-hop headers out, and {@code TE: trailers} for gRPC. */
    static final List<String> ALWAYS_DEFINED = List.of("removeHopByHopHeadersFilter", "gRPCRequestHeadersFilter");
    /**
     * Defined unless forwarding with trusted proxies is on (it is off, application.yml): incoming {@code Forwarded}
     * and {@code X-Forwarded-*} out.
     */
    static final List<String> DEFINED_WHILE_FORWARDING_IS_OFF = List.of("removeForwardedHeadersFilter",
            "removeXForwardedHeadersFilter");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (String name : ALWAYS_DEFINED) {
            if (!registry.containsBeanDefinition(name)) {
                throw new IllegalStateException("Spring Cloud Gateway no longer defines the header filter '" + name
                        + "' that the gateway's BackendRequestHeadersFilter replaces; check what it does now");
            }
            registry.removeBeanDefinition(name);
        }
        for (String name : DEFINED_WHILE_FORWARDING_IS_OFF) {
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
            }
        }
    }
}
