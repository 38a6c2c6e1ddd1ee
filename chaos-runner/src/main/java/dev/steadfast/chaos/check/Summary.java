package dev.steadfast.chaos.check;

import dev.steadfast.chaos.load.LoadFigures;
import dev.steadfast.chaos.observe.Failover;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run's last line, and its two judgements: the verdict (safety, and every failover within its
 * bound) and the service level (answers within 2 s, throughput against the baseline).
 *
 * @param check the checker's findings
 * @param failovers every failover a fault caused, with its bound
 * @param figures throughput and latency under faults
 * @param baseline the same figures without faults from the same run, or {@code null} when none was measured
 */
public record Summary(CheckResult check, List<Failover> failovers, LoadFigures figures, LoadFigures baseline) {

    /** The service level: at least this share of sent orders answered within 2 s. */
    public static final double WITHIN_2S_TARGET_PERCENT = 99;

    /** The service level: throughput under faults at least this share of the baseline's. */
    public static final double THROUGHPUT_TARGET_RATIO = 0.7;

    /** Whether every invariant held and every failover completed within its bound. */
    public boolean passed() {
        return check.passed() && failoversMissed() == 0;
    }

    /** Failovers that did not complete, or not within their bound. */
    public long failoversMissed() {
        return failovers.stream().filter(failover -> !failover.withinBound()).count();
    }

    /** Whether the service level held: answers within 2 s and, when a baseline was measured, throughput. */
    public boolean sloMet() {
        boolean latency = figures.answeredWithin2sPercent() >= WITHIN_2S_TARGET_PERCENT;
        return latency && (baseline == null || throughputRatio() >= THROUGHPUT_TARGET_RATIO);
    }

    /** Throughput under faults divided by the baseline's, or 1 without a baseline. */
    public double throughputRatio() {
        return baseline == null ? 1 : figures.throughput() / Math.max(0.001, baseline.throughput());
    }

    /** The line printed for the failover check. */
    public String failoverLine() {
        return String.format(
                Locale.ROOT,
                "failover    %-4s every leader hit by a fault (or by a ZooKeeper outage) was followed by a new term"
                        + " within its bound: failovers=%d over_bound_or_missing=%d",
                failoversMissed() == 0 ? "OK" : "FAIL",
                failovers.size(),
                failoversMissed());
    }

    private List<Long> completedMillis() {
        return failovers.stream()
                .filter(Failover::completed)
                .map(Failover::millis)
                .toList();
    }

    public long failoverP50() {
        return percentile(completedMillis(), 50);
    }

    public long failoverMax() {
        return completedMillis().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * The last line of a run, parsed by CI and people alike. Keys only ever get appended, so that parsers of older
     * lines keep working ({@code shed} came after {@code verdict}).
     */
    public String line() {
        return String.format(
                Locale.ROOT,
                "CHAOS orders=%d acked=%d failed=%d unknown=%d lost=%d unexpected_outcomes=%d duplicate_payments=%d"
                        + " settlement_errors=%d stale_writes=%d writes_after_term_end=%d failovers=%d"
                        + " failovers_missed=%d failover_p50_ms=%d failover_max_ms=%d throughput_rps=%.1f"
                        + " within_2s_pct=%.2f slo=%s verdict=%s shed=%d",
                check.orders(),
                check.acked(),
                check.failed(),
                check.unknown(),
                check.lost(),
                check.unexpectedOutcomes(),
                check.duplicatePayments(),
                check.settlementErrors(),
                check.staleWrites(),
                check.writesAfterTermEnd(),
                failovers.size(),
                failoversMissed(),
                failoverP50(),
                failoverMax(),
                figures.throughput(),
                figures.answeredWithin2sPercent(),
                sloMet() ? "MET" : "MISSED",
                passed() ? "PASS" : "FAIL",
                check.shed());
    }

    /** Nearest-rank percentile; 0 for no values. */
    public static long percentile(List<Long> values, double percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
