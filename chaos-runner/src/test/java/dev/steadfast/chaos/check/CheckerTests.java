package dev.steadfast.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.BatchTotalRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.ItemRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.PaymentRow;
import dev.steadfast.chaos.load.LoadFigures;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerTests {

    private static final long EPOCH = 1_700_000_000_000L;

    private final Checker checker = new Checker(new BigDecimal("1000"), EPOCH);

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
            new ArrayList<>(List.of(batch(1, 100, "payment-1", 2, 500), batch(2, 200, "payment-2", 1, 1_500)));
    private final List<BatchTotalRow> totals = new ArrayList<>(List.of(
            new BatchTotalRow(1, "EUR", new BigDecimal("30.00"), 2),
            new BatchTotalRow(2, "EUR", new BigDecimal("30.00"), 1)));
    private final List<ItemRow> items =
            new ArrayList<>(List.of(new ItemRow(1, "p-1"), new ItemRow(1, "p-2"), new ItemRow(2, "p-3")));
    /** payment-1 led until its session closed at 1 s, payment-2 from 1.2 s on. */
    private final List<LeadershipTerm> terms = new ArrayList<>(List.of(
            new LeadershipTerm("payment-service", 100, "payment-1", "/a", 0, 1_000, "session closed"),
            new LeadershipTerm("payment-service", 200, "payment-2", "/b", 1_200, -1, "open")));

    @Test
    void passesAHealthyRun() {
        CheckResult result = check();

        assertThat(result.invariants())
                .allSatisfy(invariant -> assertThat(invariant.holds()).isTrue());
        assertThat(result.passed()).isTrue();
        assertThat(new Summary(result, List.of(failover(2_500)), figures(99.5), null).line())
                .isEqualTo("CHAOS orders=3 acked=3 failed=0 unknown=0 lost=0 unexpected_outcomes=0"
                        + " duplicate_payments=0 settlement_errors=0 stale_writes=0 writes_after_term_end=0"
                        + " failovers=1 failovers_missed=0 failover_p50_ms=2500 failover_max_ms=2500"
                        + " throughput_rps=10.0 within_2s_pct=99.50 slo=MET verdict=PASS shed=0");
    }

    @Test
    void reportsALostOrderADuplicatePaymentAndAStaleWrite() {
        history.add(acked(3, "o-4", "k-4", "40.00", "PAID"));
        payments.add(payment("p-2b", "o-2", "20.00"));
        items.add(new ItemRow(3, "p-2b"));
        batches.add(batch(3, 150, "payment-1", 1, 2_000));
        terms.add(new LeadershipTerm("payment-service", 150, "payment-1", "/c", 900, 950, "deleted"));
        totals.add(new BatchTotalRow(3, "EUR", new BigDecimal("20.00"), 1));

        CheckResult result = check();

        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.duplicatePayments()).isEqualTo(1);
        assertThat(result.staleWrites()).isEqualTo(1);
        assertThat(result.writesAfterTermEnd()).isEqualTo(1);
        assertThat(result.settlementErrors()).isZero();
        assertThat(result.invariants())
                .extracting(InvariantResult::holds)
                .containsExactly(false, false, true, false, true, false, true);
        assertThat(result.invariants().get(0).examples()).anyMatch(example -> example.contains("o-4"));
        assertThat(result.invariants().get(1).examples()).anyMatch(example -> example.contains("duplicate: order o-2"));
        assertThat(result.invariants().get(3).examples()).anyMatch(example -> example.contains("token 150"));
        assertThat(new Summary(result, List.of(), figures(100), null).line())
                .startsWith("CHAOS orders=4 acked=4 failed=0 unknown=0 lost=1 unexpected_outcomes=0"
                        + " duplicate_payments=1 settlement_errors=0 stale_writes=1 writes_after_term_end=1")
                .endsWith("slo=MET verdict=FAIL shed=0");
    }

    @Test
    void failsARunInWhichAFailoverNeverCompletedOrTookLongerThanItsBound() {
        Failover missing = new Failover("payment-service", "pause-payment-leader", "payment-1", null, 0, -1, 12_000);

        Summary summary = new Summary(check(), List.of(failover(2_500), failover(12_001), missing), figures(100), null);

        assertThat(summary.passed()).isFalse();
        assertThat(summary.failoverLine()).contains("FAIL", "failovers=3 over_bound_or_missing=2");
        assertThat(summary.line()).contains("failovers=3 failovers_missed=2 ").endsWith("verdict=FAIL shed=0");
    }

    @Test
    void missesTheServiceLevelBelow99PercentWithin2sOrBelow70PercentOfTheBaselineButStillPasses() {
        LoadFigures baseline = new LoadFigures(1000, 1000, 0, 1000, 100, 20, 50);
        LoadFigures slow = new LoadFigures(1000, 1000, 0, 966, 100, 20, 2500);
        LoadFigures starved = new LoadFigures(1000, 600, 0, 600, 100, 20, 50);

        assertThat(new Summary(check(), List.of(), slow, null).line())
                .endsWith("within_2s_pct=96.60 slo=MISSED verdict=PASS shed=0");
        assertThat(new Summary(check(), List.of(), starved, baseline).sloMet()).isFalse();
        assertThat(new Summary(check(), List.of(), baseline, baseline).sloMet()).isTrue();
    }

    @Test
    void reportsACancelledOrderUnderTheLimitAsALostSaleAndAPaidOneOverIt() {
        orders.set(1, order("o-2", "k-2", "20.00", "CANCELLED"));
        payments.remove(1);
        items.remove(new ItemRow(1, "p-2"));
        orders.add(order("o-9", "k-9", "1000.01", "PAID"));
        orders.add(order("o-10", "k-10", "1000.01", "CANCELLED"));

        CheckResult result = check();

        assertThat(result.unexpectedOutcomes()).isEqualTo(2);
        assertThat(result.invariants().get(0).counts()).contains("lost_sales=1", "paid_over_limit=1");
        assertThat(result.invariants().get(0).examples())
                .anyMatch(example -> example.contains("lost sale: order o-2"))
                .anyMatch(example -> example.contains("over limit: order o-9"));
    }

    @Test
    void reportsABatchWrittenAfterItsTermEndedUnderInvariant6AndNotAsAStaleWrite() {
        // payment-1's term ended at 1 s; its batch 2 at 1.1 s comes before any batch of payment-2's.
        batches.set(1, batch(2, 100, "payment-1", 1, 1_100));

        CheckResult result = check();

        assertThat(result.writesAfterTermEnd()).isEqualTo(1);
        assertThat(result.staleWrites()).isZero();
        assertThat(result.invariants())
                .extracting(InvariantResult::holds)
                .containsExactly(true, true, true, true, true, false, true);
        assertThat(result.invariants().get(5).examples())
                .singleElement()
                .asString()
                .contains("late: batch 2 written by payment-1", "100 ms after ZooKeeper ended its term");
    }

    @Test
    void reportsABatchWhoseTokenIsNoTermZooKeeperRecorded() {
        batches.add(batch(3, 300, "payment-2", 0, 2_000));

        CheckResult result = check();

        assertThat(result.staleWrites()).isEqualTo(1);
        assertThat(result.invariants().get(3).examples()).anyMatch(example -> example.contains("no term ZooKeeper"));
    }

    @Test
    void reportsOverlappingTermsAsTwoLeadersAtOnce() {
        terms.set(0, new LeadershipTerm("payment-service", 100, "payment-1", "/a", 0, 1_300, "session closed"));

        InvariantResult fencing = check().invariants().get(3);

        assertThat(fencing.holds()).isFalse();
        assertThat(fencing.counts()).contains("overlapping_terms=1");
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
        batches.add(batch(4, 200, "payment-2", 1, 1_600));
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
        orders.add(order("o-5", "k-5", "1050.00", "CANCELLED"));

        assertThat(check().invariants().get(4).holds()).isTrue();

        orders.add(order("o-5b", "k-5", "1050.00", "CANCELLED"));
        orders.add(order("o-6", "k-6", "1005.00", "CANCELLED"));

        InvariantResult unknownOutcomes = check().invariants().get(4);
        assertThat(unknownOutcomes.holds()).isFalse();
        assertThat(unknownOutcomes.counts()).contains("applied_twice=1", "failed_but_present=1");
    }

    @Test
    void countsShedOrdersAsFailedAndFailsWhenAShedOrderWasCreatedOrCharged() {
        history.add(shed(3, "k-7", 503));
        history.add(shed(4, "k-8", 429));

        CheckResult clean = check();

        assertThat(clean.passed()).isTrue();
        assertThat(clean.shed()).isEqualTo(2);
        assertThat(clean.failed()).isEqualTo(2);
        assertThat(clean.invariants().get(6).counts()).isEqualTo("shed=2 shed_but_created=0 shed_but_charged=0");
        assertThat(new Summary(clean, List.of(), figures(100), null).line())
                .contains(" failed=2 ")
                .endsWith("verdict=PASS shed=2");

        // Created and paid although its client was told that it was shed.
        orders.add(order("o-7", "k-7", "70.00", "PAID"));
        payments.add(payment("p-7", "o-7", "70.00"));
        items.add(new ItemRow(2, "p-7"));
        totals.set(1, new BatchTotalRow(2, "EUR", new BigDecimal("100.00"), 2));
        batches.set(1, batch(2, 200, "payment-2", 2, 1_500));

        CheckResult applied = check();

        assertThat(applied.invariants())
                .extracting(InvariantResult::holds)
                .containsExactly(true, true, true, true, true, true, false);
        assertThat(applied.invariants().get(6).counts()).isEqualTo("shed=2 shed_but_created=1 shed_but_charged=1");
        assertThat(applied.invariants().get(6).examples())
                .singleElement()
                .asString()
                .contains("op 3 answered 503 has order o-7 (PAID, charged)");
    }

    private CheckResult check() {
        return checker.check(history, new DatabaseSnapshot(orders, payments, batches, totals, items), terms);
    }

    private static BatchRow batch(long number, long token, String leader, int count, long writtenAtRunMillis) {
        return new BatchRow(number, token, leader, count, EPOCH + writtenAtRunMillis);
    }

    private static Failover failover(long millis) {
        return new Failover("payment-service", "kill-payment-leader", "payment-1", "payment-2", 0, millis, 12_000);
    }

    private static LoadFigures figures(double within2sPercent) {
        return new LoadFigures(1000, 1000, 0, Math.round(within2sPercent * 10), 100, 20, 50);
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

    private static Operation shed(long index, String key, int status) {
        return new Operation(
                index,
                key,
                "c-1",
                new BigDecimal("70.00"),
                "EUR",
                0,
                15,
                Outcome.SHED,
                status,
                null,
                null,
                1,
                "HTTP " + status + " shed");
    }

    private static OrderRow order(String id, String key, String amount, String status) {
        return new OrderRow(id, new BigDecimal(amount), "EUR", status, key);
    }

    private static PaymentRow payment(String id, String orderId, String amount) {
        return new PaymentRow(id, orderId, new BigDecimal(amount), "EUR", "AUTHORIZED", "payment-1");
    }
}
