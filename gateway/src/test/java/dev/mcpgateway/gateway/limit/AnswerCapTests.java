package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.error.GatewayProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class AnswerCapTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void passesAnAnswerOfExactlyTheCapUntouched() {
        AnswerCap cap = new AnswerCap("acme", 10);

        String passed = DataBufferUtils.join(cap.limit(chunks("12345", "67890"), 10))
                .map(buffer -> buffer.toString(StandardCharsets.UTF_8)).block(WAIT);

        assertThat(passed).isEqualTo("1234567890");
    }

    @Test
    void failsOneByteOverTheCapAndStopsReading() {
        AnswerCap cap = new AnswerCap("acme", 10);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicLong produced = new AtomicLong();
        Flux<DataBuffer> endless = Flux.<DataBuffer>generate(sink -> sink.next(buffer("123")))
                .doOnNext(buffer -> produced.incrementAndGet())
                .doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(cap.limit(endless))
                .expectNextCount(3)
                .expectErrorSatisfies(error -> assertThat(AnswerCap.exceeded(error)).isTrue())
                .verify(WAIT);

        assertThat(cancelled).isTrue();
        assertThat(produced.get()).isEqualTo(4);
    }

    @Test
    void refusesAnAnnouncedLengthAboveTheCapWithoutReadingAByte() {
        AnswerCap cap = new AnswerCap("acme", 10);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicLong produced = new AtomicLong();
        Flux<DataBuffer> announced = Flux.<DataBuffer>generate(sink -> sink.next(buffer("1")))
                .doOnNext(buffer -> produced.incrementAndGet())
                .doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(cap.limit(announced, 11))
                .expectErrorSatisfies(error -> assertThat(AnswerCap.exceeded(error)).isTrue())
                .verify(WAIT);

        assertThat(cancelled).as("subscribed and cancelled, so the client closes the connection").isTrue();
        assertThat(produced).hasValue(0);
    }

    @Test
    void countsEveryPartOfAStreamedAnswerTogether() {
        AnswerCap.Meter meter = new AnswerCap("acme", 5).meter();

        StepVerifier.create(meter.limit(chunks("123"))).expectNextCount(1).verifyComplete();
        StepVerifier.create(meter.limit(chunks("456")))
                .expectErrorSatisfies(error -> assertThat(AnswerCap.exceeded(error)).isTrue())
                .verify(WAIT);
    }

    @Test
    void letsEverythingThroughWhenUnlimited() {
        AnswerCap cap = new AnswerCap("acme", 0);

        assertThat(cap.refuses(Long.MAX_VALUE)).isFalse();
        StepVerifier.create(cap.limit(chunks("123", "456"), 1L << 40)).expectNextCount(2).verifyComplete();
    }

    @Test
    void saysWhichTenantsAnswerExceededWhichLimit() {
        GatewayProblem problem = new AnswerCap("google", 16L * 1024 * 1024).exceeded();

        assertThat(problem.status().value()).isEqualTo(502);
        assertThat(problem.problem().getDetail()).isEqualTo("the answer of the tool server of tenant 'google' "
                + "exceeded the size limit of 16 MiB; ask for less, e.g. a smaller page or range");
        assertThat(problem.problem().getProperties()).containsEntry("tenant", "google")
                .containsEntry("maxResponseBytes", 16L * 1024 * 1024);
        assertThat(new AnswerCap("google", 1500).exceeded().problem().getDetail()).contains("limit of 1500 bytes");
        assertThat(AnswerCap.exceeded(GatewayProblem.badGateway("google", "other"))).isFalse();
    }

    private static Flux<DataBuffer> chunks(String... parts) {
        return Flux.fromArray(parts).map(AnswerCapTests::buffer);
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
