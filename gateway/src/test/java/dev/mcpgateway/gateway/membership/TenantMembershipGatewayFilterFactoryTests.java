package dev.mcpgateway.gateway.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class TenantMembershipGatewayFilterFactoryTests {

    private final TenantDirectory directory = new TenantDirectory();
    private final TenantMembershipGatewayFilterFactory factory = new TenantMembershipGatewayFilterFactory(directory);
    private boolean forwarded;

    TenantMembershipGatewayFilterFactoryTests() {
        Tenant google = new Tenant("google", "Google", URI.create("http://127.0.0.1:1"), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of(new ToolRule("write_file", RuleLevel.WRITE))));
        directory.replace(new TenancySnapshot(Map.of("google", google),
                Map.of("reader@google.com", Map.of("google", AccessLevel.READ)), Map.of()));
    }

    @Test
    void forwardsAMemberAtTheToolsLevelAndKeepsTheDecision() {
        MockServerWebExchange exchange = call("reader@google.com", "/tools/google/read_file");

        assertThat(outcomeOf(exchange)).isNull();
        assertThat(forwarded).isTrue();
        assertThat(TenantCall.of(exchange).decision().allowed()).isTrue();
    }

    @Test
    void refusesAToolAboveTheMembersLevelWithAForbiddenProblemAndKeepsTheDecisionForAudit() {
        MockServerWebExchange exchange = call("reader@google.com", "/tools/google/write_file");

        assertThat(outcomeOf(exchange)).isInstanceOfSatisfying(GatewayProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(forwarded).isFalse();
        assertThat(TenantCall.of(exchange).tool()).isEqualTo("write_file");
        assertThat(TenantCall.of(exchange).decision().allowed()).isFalse();
    }

    @Test
    void refusesACallWithoutIdentityWithAnUnauthorizedProblem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/tools/google/read_file"));

        assertThat(outcomeOf(exchange)).isInstanceOfSatisfying(GatewayProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
        assertThat(TenantCall.of(exchange)).isEqualTo(new TenantCall("google", "read_file", null));
    }

    @Test
    void namesItsTenantWhereRoutesAreListed() {
        TenantMembershipGatewayFilterFactory.Config config = new TenantMembershipGatewayFilterFactory.Config();
        config.setTenant("google");

        assertThat(factory.apply(config)).hasToString("[TenantMembership tenant = 'google']");
        assertThat(config.toString()).contains("tenant = 'google'");
        assertThat(factory.shortcutFieldOrder()).containsExactly(TenantMembershipGatewayFilterFactory.TENANT_KEY);
    }

    private MockServerWebExchange call(String email, String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(path));
        exchange.getAttributes().put(CallerIdentity.ATTRIBUTE,
                new CallerIdentity(email, null, null, null, null, null, null, "plain"));
        return exchange;
    }

    /** The error the filter ended with, or {@code null} when it completed. */
    private Throwable outcomeOf(MockServerWebExchange exchange) {
        TenantMembershipGatewayFilterFactory.Config config = new TenantMembershipGatewayFilterFactory.Config();
        config.setTenant("google");
        GatewayFilter filter = factory.apply(config);
        Throwable[] failure = new Throwable[1];
        filter.filter(exchange, forwardedExchange -> {
            forwarded = true;
            return Mono.empty();
        }).onErrorResume(error -> {
            failure[0] = error;
            return Mono.empty();
        }).block(Duration.ofSeconds(5));
        return failure[0];
    }
}
