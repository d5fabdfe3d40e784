package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

class AnswerSizeLimitGatewayFilterFactoryTests {

    private final AnswerSizeLimitGatewayFilterFactory factory = new AnswerSizeLimitGatewayFilterFactory(
            new TenantDirectory(), new AnswerSizeLimit(TestGatewayProperties.defaults()));

    @Test
    void registersUnderTheNameTenantRoutesUse() {
        assertThat(factory.name()).isEqualTo("AnswerSizeLimit");
        assertThat(factory.shortcutFieldOrder()).containsExactly("tenant");
        assertThat(new AnswerSizeLimitGatewayFilterFactory.Config().setTenant("google"))
                .hasToString("AnswerSizeLimit[tenant=google]");
    }

    @Test
    void decoratesTheResponseBeforeTheGatewayWritesTheBackendsAnswer() {
        OrderedGatewayFilter filter = (OrderedGatewayFilter) factory.apply(
                new AnswerSizeLimitGatewayFilterFactory.Config().setTenant("google"));

        assertThat(filter.getOrder()).isLessThan(NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER);
    }

    @Test
    void refusesARouteWithoutAWellFormedTenant() {
        assertThatThrownBy(() -> factory.apply(new AnswerSizeLimitGatewayFilterFactory.Config().setTenant("../x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a tenant id");
    }

    @Test
    void copiesNoHeadersWhenTheGatewaySetNone() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        assertThat(AnswerSizeLimitGatewayFilterFactory.noneOfTheGateways(response)).isTrue();

        response.getHeaders().set("RateLimit-Policy", "10;w=1");
        assertThat(AnswerSizeLimitGatewayFilterFactory.noneOfTheGateways(response)).isFalse();
    }
}
