package dev.steadfast.resilience.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.TimeWindowPercentileHistogram;
import io.micrometer.core.instrument.distribution.TimeWindowSum;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The recent attempt latencies of one hedge instance and the delay taken from their percentile. Micrometer's
 * time-window histogram (HdrHistogram in a ring of buckets that rotate through the window) holds them; recording is
 * lock-free, and the percentile is read from it at most every {@link #REFRESH_NANOS}, since reading accumulates the
 * ring. The delay is the fixed fallback until the window holds the minimum number of samples.
 */
final class LatencyWindow {

    /** How often the delay is recomputed; between refreshes every call reads a cached value. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int BUFFER_LENGTH = 3;

    private final TimeWindowPercentileHistogram histogram;
    private final TimeWindowSum samples;
    private final int minSamples;
    private final long minNanos;
    private final long maxNanos;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long nextRefresh;
    private volatile long delayNanos = -1; // -1: not enough samples yet

    LatencyWindow(HedgeDelays.Settings settings, Clock clock) {
        this.clock = clock;
        this.minSamples = settings.minSamples();
        this.minNanos = settings.minDelay().toNanos();
        this.maxNanos = settings.maxDelay().toNanos();
        DistributionStatisticConfig config = DistributionStatisticConfig.builder()
                .percentiles(settings.delayPercentile() / 100)
                .percentilePrecision(2)
                .expiry(settings.window())
                .bufferLength(BUFFER_LENGTH)
                .build()
                .merge(DistributionStatisticConfig.DEFAULT);
        this.histogram = new TimeWindowPercentileHistogram(clock, config, false);
        this.samples = new TimeWindowSum(BUFFER_LENGTH, settings.window());
        this.nextRefresh = clock.monotonicTime();
    }

    void record(long nanos) {
        histogram.recordLong(nanos);
        samples.record(1);
    }

    long delayNanos(long fallbackNanos) {
        long now = clock.monotonicTime();
        if (now - nextRefresh >= 0 && refreshing.compareAndSet(false, true)) {
            try {
                nextRefresh = now + REFRESH_NANOS;
                delayNanos = compute();
            } finally {
                refreshing.set(false);
            }
        }
        long delay = delayNanos;
        return delay < 0 ? fallbackNanos : delay;
    }

    private long compute() {
        if (samples.poll() < minSamples) {
            return -1;
        }
        HistogramSnapshot snapshot = histogram.takeSnapshot(0, 0, 0);
        long percentile = (long) snapshot.percentileValues()[0].value();
        return Math.min(maxNanos, Math.max(minNanos, percentile));
    }
}
