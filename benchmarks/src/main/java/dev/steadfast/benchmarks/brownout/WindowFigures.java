package dev.steadfast.benchmarks.brownout;

import dev.steadfast.benchmarks.brownout.OpenLoopLoad.Sample;
import java.util.List;

/**
 * The figures of the requests sent in one window: answered within 2 s (any HTTP answer below 500 that arrived within
 * 2 s: 201 decided, 202 pending, 4xx refused), fallbacks (202, the order left pending) and latency percentiles.
 */
record WindowFigures(int requests, double within2sPct, double fallbacksPct, long p50Millis, long p99Millis) {

    static WindowFigures of(List<Sample> samples) {
        if (samples.isEmpty()) {
            return new WindowFigures(0, 0, 0, 0, 0);
        }
        long within = samples.stream()
                .filter(s -> s.status() != OpenLoopLoad.NO_ANSWER && s.status() < 500 && s.latencyMillis() <= 2000)
                .count();
        long fallbacks = samples.stream().filter(s -> s.status() == 202).count();
        long[] latencies =
                samples.stream().mapToLong(Sample::latencyMillis).sorted().toArray();
        return new WindowFigures(
                samples.size(),
                100.0 * within / samples.size(),
                100.0 * fallbacks / samples.size(),
                percentile(latencies, 50),
                percentile(latencies, 99));
    }

    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
