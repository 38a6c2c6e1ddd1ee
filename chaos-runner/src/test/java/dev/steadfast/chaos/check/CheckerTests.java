package dev.steadfast.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.BatchTotalRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.ItemRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.PaymentRow;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckerTests {

    private final Checker checker = new Checker();

    /** Three paid orders settled in two batches by two successive leaders, as a healthy run leaves them. */
    private final List<Operation> history = new ArrayList<>(List.of(
            acked(0, "o-1", "k-1", "10.00", "PAID"),
            acked(1, "o-2", "k-2", "20.00", "PAID"),
            acked(2, "o-3", "k-3", "30.00", "PAYMENT_PENDING")));

    private final List<OrderRow> orders = new ArrayList<>(List.of(
            order("o-1", "k-1", "10.00", "PAID"),
            order("o-2", "k-2", "20.00", "PAID"),
            order("o-3", "k-3", "30.00", "PAID")));
    private final List<PaymentRow> payments = new ArrayList<>(
            List.of(payment("p-1", "o-1", "10.00"), payment("p-2", "o-2", "20.00"), payment("p-3", "o-3", "30.00")));
    private final List<BatchRow> batches =
            new ArrayList<>(List.of(new BatchRow(1, 100, "payment-1", 2), new BatchRow(2, 200, "payment-2", 1)));
    private final List<BatchTotalRow> totals = new ArrayList<>(List.of(
            new BatchTotalRow(1, "EUR", new BigDecimal("30.00"), 2),
            new BatchTotalRow(2, "EUR", new BigDecimal("30.00"), 1)));
    private final List<ItemRow> items =
            new ArrayList<>(List.of(new ItemRow(1, "p-1"), new ItemRow(1, "p-2"), new ItemRow(2, "p-3")));
    private final Map<Long, String> tokenOwners = Map.of(100L, "payment-1", 200L, "payment-2");

    @Test
    void passesAHealthyRun() {
        CheckResult result = check();

        assertThat(result.invariants())
                .allSatisfy(invariant -> assertThat(invariant.holds()).isTrue());
        assertThat(result.passed()).isTrue();
        assertThat(new Summary(result, List.of(2500L), 0, 9.5).line())
                .isEqualTo("CHAOS orders=3 acked=3 lost=0 duplicate_payments=0 settlement_errors=0 stale_writes=0"
                        + " failovers=1 failover_p50_ms=2500 failover_max_ms=2500 throughput_rps=9.5 verdict=PASS");
    }

    @Test
    void reportsALostOrderADuplicatePaymentAndAStaleWrite() {
        history.add(acked(3, "o-4", "k-4", "40.00", "PAID"));
        payments.add(payment("p-2b", "o-2", "20.00"));
        items.add(new ItemRow(3, "p-2b"));
        batches.add(new BatchRow(3, 150, "payment-1", 1));
        totals.add(new BatchTotalRow(3, "EUR", new BigDecimal("20.00"), 1));

        CheckResult result = check();

        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.duplicatePayments()).isEqualTo(1);
        assertThat(result.staleWrites()).isEqualTo(1);
        assertThat(result.settlementErrors()).isZero();
        assertThat(result.invariants())
                .extracting(InvariantResult::holds)
                .containsExactly(false, false, true, false, true);
        assertThat(result.invariants().get(0).examples()).anyMatch(example -> example.contains("o-4"));
        assertThat(result.invariants().get(1).examples()).anyMatch(example -> example.contains("duplicate: order o-2"));
        assertThat(result.invariants().get(3).examples()).anyMatch(example -> example.contains("token 150"));
        assertThat(new Summary(result, List.of(), 0, 1.0).line())
                .startsWith("CHAOS orders=4 acked=4 lost=1 duplicate_payments=1 settlement_errors=0 stale_writes=1")
                .endsWith("verdict=FAIL");
    }

    @Test
    void failsARunInWhichALeaderHitByAFaultWasNeverReplaced() {
        Summary summary = new Summary(check(), List.of(2500L), 1, 9.5);

        assertThat(summary.passed()).isFalse();
        assertThat(summary.failoverLine()).contains("FAIL", "completed=1 missing=1");
        assertThat(summary.line()).contains("failovers=1 ").endsWith("verdict=FAIL");
    }

    @Test
    void reportsABatchWrittenByAnInstanceThatDidNotHoldItsToken() {
        batches.set(1, new BatchRow(2, 200, "payment-1", 1));

        CheckResult result = check();

        assertThat(result.staleWrites()).isEqualTo(1);
        assertThat(result.invariants().get(3).examples()).anyMatch(example -> example.contains("held by payment-2"));
    }

    @Test
    void reportsAnOrderStuckPendingAndAnAcknowledgedPaymentThatWasUndone() {
        orders.set(2, order("o-3", "k-3", "30.00", "PAYMENT_PENDING"));
        orders.set(0, order("o-1", "k-1", "10.00", "CANCELLED"));

        CheckResult result = check();

        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.invariants().get(0).counts()).contains("pending=1");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void reportsUnsettledAndTwiceSettledPaymentsGapsAndUnbalancedTotals() {
        items.remove(new ItemRow(2, "p-3"));
        items.add(new ItemRow(1, "p-3"));
        items.add(new ItemRow(4, "p-1"));
        batches.add(new BatchRow(4, 300, "payment-2", 1));
        totals.add(new BatchTotalRow(4, "EUR", new BigDecimal("10.00"), 1));

        CheckResult result = check();

        assertThat(result.invariants().get(2).holds()).isFalse();
        assertThat(result.invariants().get(2).counts())
                .contains("settled_twice=1", "batch_gaps=1", "count_mismatches=2", "total_mismatches=2");
    }

    @Test
    void acceptsAnUnknownOperationPresentOnceButNotTwiceNorAFailedOnePresent() {
        history.add(unknown(3, "k-5"));
        history.add(new Operation(
                4,
                "k-6",
                "c-1",
                new BigDecimal("5.00"),
                "EUR",
                0,
                10,
                Outcome.FAIL,
                0,
                null,
                null,
                3,
                "ConnectException"));
        orders.add(order("o-5", "k-5", "50.00", "CANCELLED"));

        assertThat(check().invariants().get(4).holds()).isTrue();

        orders.add(order("o-5b", "k-5", "50.00", "CANCELLED"));
        orders.add(order("o-6", "k-6", "5.00", "CANCELLED"));

        InvariantResult unknownOutcomes = check().invariants().get(4);
        assertThat(unknownOutcomes.holds()).isFalse();
        assertThat(unknownOutcomes.counts()).contains("applied_twice=1", "failed_but_present=1");
    }

    private CheckResult check() {
        return checker.check(history, new DatabaseSnapshot(orders, payments, batches, totals, items), tokenOwners);
    }

    private static Operation acked(long index, String orderId, String key, String amount, String status) {
        return new Operation(
                index,
                key,
                "c-1",
                new BigDecimal(amount),
                "EUR",
                index * 10,
                index * 10 + 5,
                Outcome.OK,
                "PAYMENT_PENDING".equals(status) ? 202 : 201,
                orderId,
                status,
                1,
                null);
    }

    private static Operation unknown(long index, String key) {
        return new Operation(
                index,
                key,
                "c-1",
                new BigDecimal("50.00"),
                "EUR",
                0,
                2000,
                Outcome.UNKNOWN,
                0,
                null,
                null,
                3,
                "HttpTimeoutException");
    }

    private static OrderRow order(String id, String key, String amount, String status) {
        return new OrderRow(id, new BigDecimal(amount), "EUR", status, key);
    }

    private static PaymentRow payment(String id, String orderId, String amount) {
        return new PaymentRow(id, orderId, new BigDecimal(amount), "EUR", "AUTHORIZED", "payment-1");
    }
}
