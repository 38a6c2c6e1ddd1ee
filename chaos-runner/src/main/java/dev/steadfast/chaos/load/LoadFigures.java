package dev.steadfast.chaos.load;

import dev.steadfast.chaos.check.Summary;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and latency of the operations invoked in one window of a run.
 *
 * @param sent operations invoked in the window
 * @param acked of which answered 201 or 202
 * @param fallbacks of which answered 202 (payment pending)
 * @param answeredWithin2s of which answered within two seconds
 * @param seconds the window's length
 * @param p50Millis median latency of the answered ones
 * @param p99Millis 99th percentile latency of the answered ones
 */
public record LoadFigures(
        long sent, long acked, long fallbacks, long answeredWithin2s, double seconds, long p50Millis, long p99Millis) {

    public static LoadFigures of(List<Operation> operations, long fromMillis, long toMillis) {
        List<Operation> window = operations.stream()
                .filter(op -> op.invokedAtMillis() >= fromMillis && op.invokedAtMillis() < toMillis)
                .toList();
        List<Long> latencies = window.stream()
                .filter(Operation::acknowledged)
                .map(Operation::latencyMillis)
                .toList();
        return new LoadFigures(
                window.size(),
                latencies.size(),
                window.stream().filter(Operation::fallback).count(),
                latencies.stream().filter(latency -> latency <= 2_000).count(),
                (toMillis - fromMillis) / 1000.0,
                Summary.percentile(latencies, 50),
                Summary.percentile(latencies, 99));
    }

    /** Acknowledged orders per second. */
    public double throughput() {
        return seconds <= 0 ? 0 : acked / seconds;
    }

    /** Share of sent orders answered (201 or 202) within two seconds, in percent. */
    public double answeredWithin2sPercent() {
        return sent == 0 ? 100 : 100.0 * answeredWithin2s / sent;
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "%.1f orders/s acknowledged (%d of %d sent, %d fallbacks), p50 %d ms, p99 %d ms, %.2f%% answered within 2 s",
                throughput(),
                acked,
                sent,
                fallbacks,
                p50Millis,
                p99Millis,
                answeredWithin2sPercent());
    }
}
