package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.TenantIds;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Caps the answer a tenant's tool server sends back on its route ({@link AnswerSizeLimit}), while it streams: an
 * announced {@code Content-Length} above the cap is a 502 problem before any body is read; an answer that passes the
 * cap before its first bytes went out is a 502 problem too; one that passes it later is cut off (the connection
 * closes without completing the body, so no client mistakes it for a whole answer). Either way the backend
 * connection is closed. Shortcut form: {@code AnswerSizeLimit=google}.
 */
@Component
public class AnswerSizeLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<AnswerSizeLimitGatewayFilterFactory.Config> {

    /** The name routes use: {@code AnswerSizeLimit=<tenant>}. */
    public static final String NAME = "AnswerSizeLimit";

    private static final Logger log = LoggerFactory.getLogger(AnswerSizeLimitGatewayFilterFactory.class);

    private final TenantDirectory directory;
    private final AnswerSizeLimit limit;

    public AnswerSizeLimitGatewayFilterFactory(TenantDirectory directory, AnswerSizeLimit limit) {
        super(Config.class);
        this.directory = directory;
        this.limit = limit;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("tenant");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenant = config.getTenant();
        if (!TenantIds.isValid(tenant)) {
            throw new IllegalArgumentException(NAME + " needs a tenant id (was '" + tenant + "')");
        }
        // Before the filter that writes the backend's answer, or it would write to the undecorated response.
        return new OrderedGatewayFilter((exchange, chain) -> {
            // Read per call, so a changed limit applies at once without rebuilding the route.
            AnswerCap cap = directory.current().tenant(tenant).map(limit::capFor).orElse(null);
            if (cap == null || cap.unlimited()) {
                return chain.filter(exchange);
            }
            return chain.filter(exchange.mutate().response(cappedResponse(exchange, cap)).build());
        }, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    private static ServerHttpResponse cappedResponse(ServerWebExchange exchange, AnswerCap cap) {
        ServerHttpResponse response = exchange.getResponse();
        // The gateway's own headers, to answer a refusal without the backend's (its Content-Length above all); on a
        // tool call there are usually none yet, and then there is nothing to copy.
        HttpHeaders gatewayHeaders = noneOfTheGateways(response) ? HttpHeaders.EMPTY
                : HttpHeaders.copyOf(response.getHeaders());
        return new ServerHttpResponseDecorator(response) {

            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                long announced = getHeaders().getContentLength();
                if (cap.refuses(announced)) {
                    return refuse(body);
                }
                if (announced >= 0) {
                    // The HTTP client reads exactly the announced length, no more: nothing left to count.
                    return super.writeWith(body);
                }
                return refusedOrCut(super.writeWith(cap.limit(body)));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                if (cap.refuses(getHeaders().getContentLength())) {
                    return refuse(body);
                }
                AnswerCap.Meter meter = cap.meter();
                return refusedOrCut(super.writeAndFlushWith(Flux.from(body).map(meter::limit)));
            }

            /** Cancels the body unread, which closes the backend connection, and fails with the problem. */
            private Mono<Void> refuse(Publisher<?> body) {
                return refusedOrCut(Mono.defer(() -> {
                    AnswerCap.cancelUnread(body);
                    return Mono.error(cap.exceeded());
                }));
            }

            private Mono<Void> refusedOrCut(Mono<Void> written) {
                return written.doOnError(GatewayProblem.class, problem -> {
                    if (isCommitted()) {
                        // The status went out with the first bytes; all that is left is not to complete the body.
                        log.warn("Tenant '{}': answer cut off: {}", cap.tenant(), problem.getMessage());
                    } else {
                        log.warn("Tenant '{}': answer refused: {}", cap.tenant(), problem.getMessage());
                        getHeaders().clear();
                        getHeaders().addAll(gatewayHeaders);
                    }
                });
            }
        };
    }

    /**
     * True when the response has no header the gateway set: none at all, or only the {@code Transfer-Encoding} that
     * Reactor Netty puts on every response it starts (and sets anew for whatever is written). Asked of Netty's own
     * headers, whose size is a field, so the common case costs no copy and no walk over the headers.
     */
    static boolean noneOfTheGateways(ServerHttpResponse response) {
        Object nativeResponse;
        try {
            nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        } catch (IllegalStateException noNativeResponse) { // a mock response
            return response.getHeaders().isEmpty();
        }
        if (nativeResponse instanceof HttpServerResponse netty) {
            io.netty.handler.codec.http.HttpHeaders headers = netty.responseHeaders();
            return headers.isEmpty() || headers.size() == 1 && headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
        }
        return response.getHeaders().isEmpty();
    }

    /** The tenant whose answers the route caps. */
    public static class Config {

        private String tenant;

        public String getTenant() {
            return tenant;
        }

        public Config setTenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        @Override
        public String toString() {
            return NAME + "[tenant=" + tenant + "]";
        }
    }
}
