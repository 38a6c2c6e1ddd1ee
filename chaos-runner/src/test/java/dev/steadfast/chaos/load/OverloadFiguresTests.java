package dev.steadfast.chaos.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverloadFiguresTests {

    @Test
    void countsWhatBecameOfTheOrdersSentDuringTheBurstOnly() {
        List<Operation> history = List.of(
                op(0, 500, Outcome.OK, 201, 40),
                op(1, 1_000, Outcome.OK, 202, 900),
                op(2, 1_100, Outcome.SHED, 503, 12),
                op(3, 1_200, Outcome.SHED, 429, 8),
                op(4, 1_300, Outcome.UNKNOWN, 0, 3_000),
                op(5, 1_400, Outcome.FAIL, 0, 1),
                op(6, 3_000, Outcome.SHED, 503, 5));

        OverloadFigures figures = OverloadFigures.of(history, 1_000, 3_000);

        assertThat(figures).isEqualTo(new OverloadFigures(5, 1, 2, 1, 1, 1, 2.0, 900, 12));
        assertThat(figures.describe())
                .isEqualTo("5 orders sent in 2.0 s (3/s): 1 acknowledged (p99 900 ms), 2 shed at once (429: 1, 503: 1;"
                        + " p99 12 ms), 1 failed otherwise, 1 unknown (timeouts, resets, plain 5xx)");
    }

    private static Operation op(long index, long at, Outcome outcome, int status, long latency) {
        return new Operation(
                index,
                "k-" + index,
                "c-1",
                BigDecimal.TEN,
                "EUR",
                at,
                at + latency,
                outcome,
                status,
                null,
                status == 202 ? "PAYMENT_PENDING" : null,
                1,
                null);
    }
}
