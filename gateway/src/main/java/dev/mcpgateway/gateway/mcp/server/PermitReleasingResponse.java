package dev.mcpgateway.gateway.mcp.server;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A {@link ServerResponse} that runs {@code onWritten} once its body has been written, has failed or was cancelled:
 * a relayed tool answer may be a long stream, and the call counts as in flight until that stream ends.
 */
final class PermitReleasingResponse implements ServerResponse {

    private final ServerResponse delegate;
    private final Runnable onWritten;

    PermitReleasingResponse(ServerResponse delegate, Runnable onWritten) {
        this.delegate = delegate;
        this.onWritten = onWritten;
    }

    @Override
    public HttpStatusCode statusCode() {
        return delegate.statusCode();
    }

    @Override
    public HttpHeaders headers() {
        return delegate.headers();
    }

    @Override
    public MultiValueMap<String, ResponseCookie> cookies() {
        return delegate.cookies();
    }

    @Override
    public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
        return delegate.writeTo(exchange, context).doFinally(signal -> onWritten.run());
    }
}
