package dev.steadfast.chaos.report;

import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.load.Operation;
import java.util.List;
import java.util.OptionalLong;

/**
 * How long the clients felt a fault after it was healed: the time from the heal until the service is back to normal,
 * that is until every second of {@value #STEADY_SECONDS} in a row has at least {@value #NORMAL_PERCENT} % of its
 * orders answered (201 or 202) within 2 s.
 */
final class FaultImpact {

    static final int STEADY_SECONDS = 3;
    static final double NORMAL_PERCENT = 99.0;
    private static final long TARGET_MILLIS = 2_000;

    private FaultImpact() {}

    /**
     * @return milliseconds from the fault's heal to the start of the first normal stretch, 0 when normal at once, or
     *     empty when the load ended first
     */
    static OptionalLong recoveryMillis(FaultEvent fault, List<Operation> operations, long loadEndMillis) {
        long healedSecond = fault.endMillis() / 1000;
        long lastSecond = loadEndMillis / 1000 - 1;
        int steady = 0;
        long steadyFrom = 0;
        for (long second = healedSecond; second <= lastSecond; second++) {
            Boolean normal = normal(operations, second);
            if (normal == null) {
                // No order sent in this second (between two load phases): it neither shows recovery nor breaks it.
                continue;
            }
            if (!normal) {
                steady = 0;
                continue;
            }
            if (steady++ == 0) {
                steadyFrom = second * 1000;
            }
            if (steady == STEADY_SECONDS) {
                return OptionalLong.of(Math.max(0, steadyFrom - fault.endMillis()));
            }
        }
        return OptionalLong.empty();
    }

    /** Whether the second was normal, or {@code null} when no order was sent in it. */
    private static Boolean normal(List<Operation> operations, long second) {
        long sent = 0;
        long answered = 0;
        for (Operation op : operations) {
            if (op.invokedAtMillis() / 1000 == second) {
                sent++;
                if (op.acknowledged() && op.latencyMillis() <= TARGET_MILLIS) {
                    answered++;
                }
            }
        }
        return sent == 0 ? null : 100.0 * answered / sent >= NORMAL_PERCENT;
    }
}
