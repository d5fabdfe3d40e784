package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.error.GatewayProblem;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * One tenant's cap on one tool-call answer, {@code maxBytes} ({@code 0} = unlimited): refuses an announced
 * {@code Content-Length} above it before any body is read, and counts the body as it streams, failing with
 * {@link #exceeded()} the moment it passes the cap. Failing cancels the body, which closes the backend connection,
 * so the gateway never holds or reads more than the cap.
 */
public record AnswerCap(String tenant, long maxBytes) {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;

    public boolean unlimited() {
        return maxBytes == 0;
    }

    /** Whether an announced length ({@code -1} when none was announced) is already above the cap. */
    public boolean refuses(long contentLength) {
        return !unlimited() && contentLength > maxBytes;
    }

    /** {@code body} capped; a fresh count for each subscription. */
    public Flux<DataBuffer> limit(Publisher<? extends DataBuffer> body) {
        return Flux.defer(() -> meter().limit(body));
    }

    /**
     * {@code body} capped, or when {@code contentLength} is already above the cap, a body that is cancelled unread
     * (closing the connection) and fails with {@link #exceeded()}.
     */
    public Flux<DataBuffer> limit(Publisher<? extends DataBuffer> body, long contentLength) {
        if (refuses(contentLength)) {
            return Flux.defer(() -> {
                cancelUnread(body);
                return Flux.error(exceeded());
            });
        }
        return limit(body);
    }

    /**
     * Subscribes to {@code body} and cancels at once: an HTTP client closes a connection whose body is cancelled,
     * whereas a body never subscribed to may be drained to its end (e.g. by WebClient's release of unread bodies).
     */
    public static void cancelUnread(Publisher<?> body) {
        body.subscribe(new BaseSubscriber<Object>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                subscription.cancel();
            }
        });
    }

    /** One shared count for an answer that arrives as several publishers (a streamed, flushed response). */
    public Meter meter() {
        return new Meter();
    }

    /** 502: the sentence a person or model reads, naming the tenant and the limit. */
    public GatewayProblem exceeded() {
        return GatewayProblem.answerTooLarge(tenant, maxBytes, "the answer of the tool server of tenant '" + tenant
                + "' exceeded the size limit of " + readable(maxBytes) + "; ask for less, e.g. a smaller page or range");
    }

    /** Whether {@code error} is the problem of an answer that passed its cap. */
    public static boolean exceeded(Throwable error) {
        return error instanceof GatewayProblem problem && problem.problem().getType() != null
                && problem.problem().getType().getPath().endsWith("/" + GatewayProblem.ANSWER_TOO_LARGE);
    }

    private static String readable(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " bytes";
    }

    /** Counts every buffer of one answer against the cap. */
    public final class Meter {

        private final AtomicLong seen = new AtomicLong();

        private Meter() {
        }

        public Flux<DataBuffer> limit(Publisher<? extends DataBuffer> part) {
            if (unlimited()) {
                return Flux.from(part);
            }
            return Flux.<DataBuffer>from(part).<DataBuffer>handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(exceeded());
                } else {
                    sink.next(buffer);
                }
            }).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        }
    }
}
