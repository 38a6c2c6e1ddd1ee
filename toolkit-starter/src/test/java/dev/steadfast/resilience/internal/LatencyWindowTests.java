package dev.steadfast.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyWindowTests {

    private static final long FALLBACK = TimeUnit.SECONDS.toNanos(7);

    private final MockClock clock = new MockClock();

    @Test
    void usesTheFixedDelayUntilTheWindowHoldsEnoughSamples() {
        HedgeDelay delay = delay(95, Duration.ZERO, Duration.ofSeconds(10), 50);
        record(delay, 49, 20);
        assertThat(afterRefresh(delay)).isEqualTo(FALLBACK);
        record(delay, 1, 20);
        assertThat(afterRefresh(delay)).isCloseTo(TimeUnit.MILLISECONDS.toNanos(20), within(2));
    }

    @Test
    void followsThePercentileOfRecentLatencies() {
        HedgeDelay delay = delay(90, Duration.ZERO, Duration.ofSeconds(10), 10);
        record(delay, 85, 10);
        record(delay, 15, 400);
        // p90 of 85 x 10 ms and 15 x 400 ms lies in the slow part; p80 would not.
        assertThat(afterRefresh(delay)).isCloseTo(TimeUnit.MILLISECONDS.toNanos(400), within(10));
        assertThat(afterRefresh(delay(80, Duration.ZERO, Duration.ofSeconds(10), 10, 85, 15)))
                .isCloseTo(TimeUnit.MILLISECONDS.toNanos(10), within(1));
    }

    @Test
    void keepsTheDelayBetweenFloorAndCeiling() {
        HedgeDelay fast = delay(95, Duration.ofMillis(5), Duration.ofMillis(50), 10);
        record(fast, 100, 1);
        assertThat(afterRefresh(fast)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        HedgeDelay slow = delay(95, Duration.ofMillis(5), Duration.ofMillis(50), 10);
        record(slow, 100, 900);
        assertThat(afterRefresh(slow)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aFixedDelayLearnsNothing() {
        HedgeDelays delays = new HedgeDelays(settings(null, Duration.ZERO, Duration.ofSeconds(1), 1), Map.of(), clock);
        HedgeDelay delay = delays.delayFor("plain", Duration.ofMillis(30));
        record(delay, 100, 1);
        assertThat(delay.nanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(delays.percentileDelay("plain")).isNull();
    }

    private HedgeDelay delay(double percentile, Duration min, Duration max, int minSamples) {
        return new HedgeDelays(settings(percentile, min, max, minSamples), Map.of(), clock)
                .delayFor("lookups", Duration.ofNanos(FALLBACK));
    }

    private HedgeDelay delay(double percentile, Duration min, Duration max, int minSamples, int fast, int slow) {
        HedgeDelay delay = delay(percentile, min, max, minSamples);
        record(delay, fast, 10);
        record(delay, slow, 400);
        return delay;
    }

    private static HedgeDelays.Settings settings(Double percentile, Duration min, Duration max, int minSamples) {
        return new HedgeDelays.Settings(null, percentile, min, max, minSamples, Duration.ofSeconds(30), null);
    }

    private static void record(HedgeDelay delay, int times, long millis) {
        for (int i = 0; i < times; i++) {
            delay.record(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    private long afterRefresh(HedgeDelay delay) {
        clock.add(Duration.ofNanos(LatencyWindow.REFRESH_NANOS));
        return delay.nanos();
    }

    private static org.assertj.core.data.Offset<Long> within(long millis) {
        return org.assertj.core.data.Offset.offset(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
