package dev.steadfast.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.fault.FaultKind;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultImpactTests {

    private final FaultEvent fault = new FaultEvent(10_000, 20_500, FaultKind.RESTART_DATABASE, "h2", "kill -9");

    @Test
    void recoversWhenThreeSecondsInARowAnswerInTime() {
        List<Operation> history = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            // Failing until second 24, answered in time from second 25 on.
            history.add(op(second * 1000L + 100, second < 25 ? Outcome.UNKNOWN : Outcome.OK, 50));
        }

        assertThat(FaultImpact.recoveryMillis(fault, history, 40_000)).hasValue(4_500);
    }

    @Test
    void countsSlowAnswersAsNotYetRecoveredAndReportsNoneWhenTheLoadEndsFirst() {
        List<Operation> history = new ArrayList<>();
        for (int second = 0; second < 30; second++) {
            history.add(op(second * 1000L + 100, Outcome.OK, second % 2 == 0 ? 2_500 : 50));
        }

        assertThat(FaultImpact.recoveryMillis(fault, history, 30_000)).isEmpty();
    }

    @Test
    void recoversAtOnceWhenNothingWasFelt() {
        List<Operation> history = new ArrayList<>();
        for (int second = 0; second < 30; second++) {
            history.add(op(second * 1000L + 100, Outcome.OK, 50));
        }

        assertThat(FaultImpact.recoveryMillis(fault, history, 30_000)).hasValue(0);
    }

    @Test
    void skipsSecondsWithoutOrdersBetweenTwoLoadPhases() {
        List<Operation> history = new ArrayList<>();
        for (int second = 0; second < 50; second++) {
            // Failing until second 21, no load from 22 to 34 (healing), answered in time from 35 on.
            if (second < 22) {
                history.add(op(second * 1000L + 100, Outcome.UNKNOWN, 50));
            } else if (second >= 35) {
                history.add(op(second * 1000L + 100, Outcome.OK, 50));
            }
        }

        assertThat(FaultImpact.recoveryMillis(fault, history, 50_000)).hasValue(14_500);
    }

    private static Operation op(long at, Outcome outcome, long latency) {
        return new Operation(
                at,
                "k-" + at,
                "c",
                new BigDecimal("10.00"),
                "EUR",
                at,
                at + latency,
                outcome,
                outcome == Outcome.OK ? 201 : 0,
                "o-" + at,
                outcome == Outcome.OK ? "PAID" : null,
                1,
                null);
    }
}
