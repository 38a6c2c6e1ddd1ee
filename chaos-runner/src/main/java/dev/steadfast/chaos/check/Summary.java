package dev.steadfast.chaos.check;

import java.util.List;
import java.util.Locale;

/**
 * The figures of a run's last line.
 *
 * @param check the checker's findings
 * @param failoverMillis the duration of every completed failover
 * @param missedFailovers leaders hit by a fault (killed, frozen, stopped) that no other instance replaced
 * @param throughputRps acknowledged orders per second of load
 */
public record Summary(CheckResult check, List<Long> failoverMillis, int missedFailovers, double throughputRps) {

    /** Whether every invariant held and every leader hit by a fault was replaced: a run must also fail over. */
    public boolean passed() {
        return check.passed() && missedFailovers == 0;
    }

    /** The line printed for the failover check. */
    public String failoverLine() {
        return String.format(
                Locale.ROOT,
                "failover    %-4s every leader hit by a fault was replaced by another instance: completed=%d missing=%d",
                missedFailovers == 0 ? "OK" : "FAIL",
                failoverMillis.size(),
                missedFailovers);
    }

    public long failoverP50() {
        return percentile(failoverMillis, 50);
    }

    public long failoverMax() {
        return failoverMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The last line of a run, parsed by CI and people alike. */
    public String line() {
        return String.format(
                Locale.ROOT,
                "CHAOS orders=%d acked=%d lost=%d duplicate_payments=%d settlement_errors=%d stale_writes=%d"
                        + " failovers=%d failover_p50_ms=%d failover_max_ms=%d throughput_rps=%.1f verdict=%s",
                check.orders(),
                check.acked(),
                check.lost(),
                check.duplicatePayments(),
                check.settlementErrors(),
                check.staleWrites(),
                failoverMillis.size(),
                failoverP50(),
                failoverMax(),
                throughputRps,
                passed() ? "PASS" : "FAIL");
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
