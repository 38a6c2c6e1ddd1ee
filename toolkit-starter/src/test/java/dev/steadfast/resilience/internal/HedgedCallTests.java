package dev.steadfast.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hedged call's delay learns from: one sample per call, its first attempt's. The window needs two samples
 * before it gives a delay, so a delay after one call means that call recorded its hedge as well. Each call's attempts
 * answer only when the test completes them, after the call has started its hedge (20 ms) and is waiting for both;
 * everything that follows, recording included, runs on the test's thread as it completes an attempt.
 */
class HedgedCallTests {

    private final MockClock clock = new MockClock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HedgeDelays delays = new HedgeDelays(
            new HedgeDelays.Settings(
                    null, 50.0, Duration.ZERO, Duration.ofSeconds(10), 2, Duration.ofSeconds(30), null),
            Map.of(),
            clock);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A hedge cancelled because the first attempt answered ran only for the rest of that attempt. */
    @Test
    void aHedgeCancelledBecauseTheFirstAttemptAnsweredIsNoLatencySample() throws Exception {
        callWhere(0);
        assertThat(learnedDelay())
                .as("a delay after one call: its hedge was recorded")
                .isNull();
        callWhere(0);
        assertThat(learnedDelay()).as("the two calls' first attempts").isNotNull();
    }

    /** A first attempt cancelled because its hedge won counts up to its cancellation; the winning hedge does not. */
    @Test
    void aFirstAttemptThatLostIsASampleAndTheHedgeThatWonIsNot() throws Exception {
        callWhere(1);
        assertThat(learnedDelay())
                .as("a delay after one call: its hedge was recorded")
                .isNull();
        callWhere(1);
        assertThat(learnedDelay()).as("the two calls' cancelled first attempts").isNotNull();
    }

    /** One hedged call whose attempt {@code winner} (0: the first, 1: the hedge) answers and the other is cancelled. */
    private void callWhere(int winner) throws Exception {
        Attempts attempts = new Attempts();
        HedgeDelay delay = delays.delayFor("lookups", Duration.ofMillis(20));
        CompletableFuture<String> call =
                new HedgedCall<>(attempts, scheduler, delay, 1, () -> true, HedgeRecorder.Instance.NONE).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.awaited(2));
        attempts.get(winner).complete("attempt " + winner);
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("attempt " + winner);
        assertThat(attempts.get(1 - winner)).isCancelled();
    }

    /** The delay the samples give, once the window's 100 ms refresh has passed; {@code null} under two samples. */
    private Duration learnedDelay() {
        clock.add(Duration.ofNanos(LatencyWindow.REFRESH_NANOS));
        return delays.percentileDelay("lookups");
    }

    /** Attempts that answer only when the test completes them. */
    private static final class Attempts implements Supplier<CompletionStage<String>> {

        private final List<CompletableFuture<String>> started = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<String> get() {
            CompletableFuture<String> attempt = new CompletableFuture<>();
            started.add(attempt);
            return attempt;
        }

        /** Whether {@code count} attempts have started and the call waits for each (its callback is registered). */
        boolean awaited(int count) {
            return started.size() == count && started.stream().allMatch(attempt -> attempt.getNumberOfDependents() > 0);
        }

        CompletableFuture<String> get(int index) {
            return started.get(index);
        }
    }
}
