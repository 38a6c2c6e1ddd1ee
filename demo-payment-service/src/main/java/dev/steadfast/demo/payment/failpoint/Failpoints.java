package dev.steadfast.demo.payment.failpoint;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Answers whether a failpoint is on; warns at start-up when any is, since each one breaks a guarantee. */
@Component
public class Failpoints {

    /** The start of the line logged when a settlement run begins its test-only wait; the chaos runner looks for it. */
    public static final String SETTLEMENT_DELAY_MARKER = "TEST-ONLY settlement delay:";

    private static final Logger log = LoggerFactory.getLogger(Failpoints.class);

    private final Set<Failpoint> enabled;

    private final Duration settlementDelay;

    public Failpoints(FailpointProperties properties) {
        this.enabled =
                properties.enabled().isEmpty() ? EnumSet.noneOf(Failpoint.class) : EnumSet.copyOf(properties.enabled());
        this.settlementDelay = properties.settlementDelay();
        if (!enabled.isEmpty()) {
            log.warn("TEST-ONLY failpoints on, this instance breaks its guarantees on purpose: {}", enabled);
        }
        if (!settlementDelay.isZero()) {
            log.warn("TEST-ONLY settlement delay of {} before every settlement transaction", settlementDelay);
        }
    }

    public boolean on(Failpoint failpoint) {
        return enabled.contains(failpoint);
    }

    /**
     * Waits the test-only settlement delay, if any, announcing it first in the log so that a chaos run can freeze
     * the process while the run holds its token. Returns at once when no delay is set.
     */
    public void beforeSettlementTransaction(Object token) {
        if (settlementDelay.isZero()) {
            return;
        }
        log.warn(
                "{} run under token {} waits {} before its transaction",
                SETTLEMENT_DELAY_MARKER,
                token,
                settlementDelay);
        try {
            // The wait is the point of this test-only hook: nothing to wait for but time.
            Thread.sleep(settlementDelay.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
