package dev.steadfast.benchmarks.overload;

import java.time.Duration;
import java.util.List;

/**
 * The figures of one load level: goodput (answers 200 within one second, per second), the p99 latency of the
 * requests the service took on (every request but the shed ones; unanswered ones at the client's timeout) and the
 * share of requests shed with 503.
 */
record LoadFigures(
        double load,
        double offeredPerSecond,
        int sent,
        double goodputPerSecond,
        long p99Millis,
        int shed,
        int noAnswer) {

    private static final long GOOD_NANOS = Duration.ofSeconds(1).toNanos();

    static LoadFigures of(
            double load, double offeredPerSecond, Duration duration, List<OpenLoopDriver.Sample> samples) {
        long good = samples.stream()
                .filter(sample -> sample.status() == 200 && sample.latencyNanos() <= GOOD_NANOS)
                .count();
        int shed =
                (int) samples.stream().filter(sample -> sample.status() == 503).count();
        int noAnswer = (int) samples.stream()
                .filter(sample -> sample.status() == OpenLoopDriver.NO_ANSWER)
                .count();
        long[] taken = samples.stream()
                .filter(sample -> sample.status() != 503)
                .mapToLong(OpenLoopDriver.Sample::latencyNanos)
                .sorted()
                .toArray();
        long p99 = taken.length == 0 ? 0 : taken[(int) Math.ceil(taken.length * 0.99) - 1] / 1_000_000;
        double seconds = duration.toNanos() / 1e9;
        return new LoadFigures(load, offeredPerSecond, samples.size(), good / seconds, p99, shed, noAnswer);
    }

    double goodputPercentOf(double capacity) {
        return 100 * goodputPerSecond / capacity;
    }

    double shedPercent() {
        return sent == 0 ? 0 : 100.0 * shed / sent;
    }
}
