package dev.steadfast.chaos.load;

import dev.steadfast.chaos.check.Summary;
import java.util.List;
import java.util.Locale;

/**
 * What became of the orders sent during an overload burst: acknowledged, shed at once, or left to time out. Load
 * shedding works when what cannot be served is shed fast instead of queued into timeouts.
 *
 * @param sent operations invoked in the burst
 * @param acked of which answered 201 or 202
 * @param shed of which shed ({@code 429}, or {@code 503} with {@code Retry-After})
 * @param shed429 of the shed ones, those answered {@code 429}
 * @param failed of which failed otherwise (refused connections, other 4xx, skipped by the client)
 * @param unknown of which without a usable answer (timeouts, resets, 5xx without {@code Retry-After})
 * @param seconds the burst's length
 * @param ackedP99Millis 99th percentile latency of the acknowledged ones
 * @param shedP99Millis 99th percentile latency of the shed answers
 */
public record OverloadFigures(
        long sent,
        long acked,
        long shed,
        long shed429,
        long failed,
        long unknown,
        double seconds,
        long ackedP99Millis,
        long shedP99Millis) {

    public static OverloadFigures of(List<Operation> operations, long fromMillis, long toMillis) {
        List<Operation> burst = operations.stream()
                .filter(op -> op.invokedAtMillis() >= fromMillis && op.invokedAtMillis() < toMillis)
                .toList();
        List<Operation> shed = burst.stream().filter(Operation::shed).toList();
        return new OverloadFigures(
                burst.size(),
                burst.stream().filter(Operation::acknowledged).count(),
                shed.size(),
                shed.stream().filter(op -> op.httpStatus() == 429).count(),
                burst.stream().filter(op -> op.outcome() == Outcome.FAIL).count(),
                burst.stream().filter(op -> op.outcome() == Outcome.UNKNOWN).count(),
                (toMillis - fromMillis) / 1000.0,
                Summary.percentile(
                        latencies(burst.stream().filter(Operation::acknowledged).toList()), 99),
                Summary.percentile(latencies(shed), 99));
    }

    private static List<Long> latencies(List<Operation> operations) {
        return operations.stream().map(Operation::latencyMillis).toList();
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "%d orders sent in %.1f s (%.0f/s): %d acknowledged (p99 %d ms), %d shed at once (429: %d, 503: %d;"
                        + " p99 %d ms), %d failed otherwise, %d unknown (timeouts, resets, plain 5xx)",
                sent,
                seconds,
                seconds <= 0 ? 0 : sent / seconds,
                acked,
                ackedP99Millis,
                shed,
                shed429,
                shed - shed429,
                shedP99Millis,
                failed,
                unknown);
    }
}
