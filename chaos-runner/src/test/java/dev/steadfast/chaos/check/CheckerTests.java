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

    @Test
    void printsTheSameLinesAndExamplesForAHealthyRun() {
        assertThat(report(check()))
                .isEqualTo(
                        """
                invariant 1 OK   every acknowledged order exists; every order ends PAID, or CANCELLED exactly when over the limit: acknowledged=3 paid=3 cancelled=0 missing=0 paid_then_unpaid=0 pending=0 invalid_status=0 lost_sales=0 paid_over_limit=0
                invariant 2 OK   no order has more than one payment, no payment lacks its order, amounts match: payments=3 duplicate_payments=0 orphan_payments=0 paid_without_payment=0 cancelled_but_charged=0 amount_mismatches=0
                invariant 3 OK   every authorized payment is in exactly one batch; batches contiguous and balanced: batches=2 settled_items=3 unsettled=0 settled_twice=0 bad_items=0 batch_gaps=0 count_mismatches=0 total_mismatches=0
                invariant 4 OK   every batch written in its writer's ZooKeeper term, tokens never going backwards; terms never overlap: batches=2 terms=2 token_went_backwards=0 token_not_a_term=0 wrong_writer=0 overlapping_terms=0
                invariant 5 OK   operations with an unknown outcome are present at most once: unknown=0 unknown_present=0 applied_twice=0 failed_but_present=0 phantom_orders=0
                invariant 6 OK   no batch written after ZooKeeper ended its writer's term (leaders act only within their lease): batches=2 writes_after_term_end=0
                invariant 7 OK   orders shed under overload (429, or 503 with Retry-After) were never created nor charged: shed=0 shed_but_created=0 shed_but_charged=0
                """);
    }

    @Test
    void printsTheSameLinesExamplesAndCountsForARunThatBreaksEveryInvariant() {
        // Invariant 1: a missing order, one answered PAID and now cancelled, one stuck, one of no known status, one
        // paid over the limit.
        history.add(acked(3, "o-4", "k-4", "40.00", "PAID"));
        history.add(acked(4, "o-8", "k-8", "80.00", "PAID"));
        orders.set(0, order("o-1", "k-1", "10.00", "CANCELLED"));
        orders.set(2, order("o-3", "k-3", "30.00", "PAYMENT_PENDING"));
        orders.add(order("o-8", "k-8", "80.00", "REFUNDED"));
        orders.add(order("o-9", "k-9", "1000.01", "PAID"));
        // Invariant 2: a duplicate, an orphan and a mismatched payment.
        payments.set(1, payment("p-2", "o-2", "21.00"));
        payments.add(payment("p-2b", "o-2", "20.00"));
        payments.add(payment("p-x", "o-404", "5.00"));
        // Invariant 3: a payment settled twice, one never, an item of no payment, a gap and an unbalanced batch.
        items.add(new ItemRow(4, "p-1"));
        items.add(new ItemRow(4, "p-none"));
        // Invariants 4 and 6: a token going backwards, in another writer's term, after the term ended; a token of no
        // term; overlapping terms.
        terms.set(0, new LeadershipTerm("payment-service", 100, "payment-1", "/a", 0, 1_300, "session closed"));
        terms.add(new LeadershipTerm("payment-service", 150, "payment-2", "/c", 900, 950, "deleted"));
        batches.add(batch(4, 150, "payment-1", 3, 2_000));
        batches.add(batch(6, 300, "payment-2", 0, 2_100));
        totals.add(new BatchTotalRow(4, "EUR", new BigDecimal("10.00"), 1));
        totals.add(new BatchTotalRow(6, "USD", new BigDecimal("1.00"), 1));
        // Invariant 5: an unknown operation applied twice, a failed one applied, a phantom order.
        history.add(unknown(5, "k-5"));
        orders.add(order("o-5", "k-5", "50.00", "PAID"));
        orders.add(order("o-5b", "k-5", "50.00", "PAID"));
        history.add(failed(6, "k-6"));
        orders.add(order("o-6", "k-6", "5.00", "CANCELLED"));
        // Invariant 7: a shed order created and charged.
        history.add(shed(7, "k-7", 503));
        orders.add(order("o-7", "k-7", "70.00", "PAID"));
        payments.add(payment("p-7", "o-7", "70.00"));

        CheckResult result = check();

        assertThat(report(result))
                .isEqualTo(
                        """
                invariant 1 FAIL every acknowledged order exists; every order ends PAID, or CANCELLED exactly when over the limit: acknowledged=5 paid=1 cancelled=1 missing=1 paid_then_unpaid=2 pending=1 invalid_status=1 lost_sales=2 paid_over_limit=1
                    lost: order o-1 was answered PAID, is now CANCELLED
                    lost: op 3 acknowledged 201 order o-4 key k-4 is not in orders
                    lost: order o-8 was answered PAID, is now REFUNDED
                    stuck: order o-3 still PAYMENT_PENDING
                    lost sale: order o-1 of 10.00 was cancelled
                    over limit: order o-9 of 1000.01 was paid
                    lost sale: order o-6 of 5.00 was cancelled
                invariant 2 FAIL no order has more than one payment, no payment lacks its order, amounts match: payments=6 duplicate_payments=1 orphan_payments=1 paid_without_payment=3 cancelled_but_charged=1 amount_mismatches=1
                    duplicate: order o-2 has 2 payments [p-2, p-2b]
                    amount: order o-2 20.00 EUR paid 21.00 EUR
                    orphan: payment p-x for unknown order o-404
                    charged: order o-1 is CANCELLED but its payment is AUTHORIZED
                    unpaid: order o-9 is PAID without an authorized payment
                    unpaid: order o-5 is PAID without an authorized payment
                    unpaid: order o-5b is PAID without an authorized payment
                invariant 3 FAIL every authorized payment is in exactly one batch; batches contiguous and balanced: batches=4 settled_items=5 unsettled=3 settled_twice=1 bad_items=1 batch_gaps=2 count_mismatches=1 total_mismatches=2
                    settled 2 times: payment p-1
                    unsettled: payment p-2b
                    unsettled: payment p-x
                    unsettled: payment p-7
                    bad item: batch 4 payment p-none
                    batch numbers 1..6 miss 2
                    batch 1 EUR total 30.00/2, payments sum 31.00/2
                    batch 4 says 3 payments, has 2
                    batch 6 USD total 1.00/1, payments sum 0/0
                invariant 4 FAIL every batch written in its writer's ZooKeeper term, tokens never going backwards; terms never overlap: batches=4 terms=3 token_went_backwards=1 token_not_a_term=1 wrong_writer=1 overlapping_terms=1
                    stale: batch 4 written with token 150 by payment-1 after a batch of token 200
                    batch 4 written by payment-1 with token 150 of payment-2's term
                    batch 6 written by payment-2 with token 300, which is no term ZooKeeper recorded
                    overlap: term 100 of payment-1 still held when term 150 of payment-2 began
                invariant 5 FAIL operations with an unknown outcome are present at most once: unknown=1 unknown_present=1 applied_twice=1 failed_but_present=1 phantom_orders=1
                    key k-5 (UNKNOWN) has 2 orders
                    failed op 6 key k-6 took effect anyway
                    phantom: order with key k-9 that no client sent
                invariant 6 FAIL no batch written after ZooKeeper ended its writer's term (leaders act only within their lease): batches=4 writes_after_term_end=1
                    late: batch 4 written by payment-1 at 2000 ms, 1050 ms after ZooKeeper ended its term (deleted)
                invariant 7 FAIL orders shed under overload (429, or 503 with Retry-After) were never created nor charged: shed=1 shed_but_created=1 shed_but_charged=1
                    shed but applied: op 7 answered 503 has order o-7 (PAID, charged)
                """);
        assertThat(new Summary(result, List.of(), figures(100), null).line())
                .isEqualTo("CHAOS orders=8 acked=5 failed=2 unknown=1 lost=3 unexpected_outcomes=3 duplicate_payments=1"
                        + " settlement_errors=10 stale_writes=3 writes_after_term_end=1 failovers=0 failovers_missed=0"
                        + " failover_p50_ms=0 failover_max_ms=0 throughput_rps=10.0 within_2s_pct=100.00 slo=MET"
                        + " verdict=FAIL shed=1");
    }

    /** What the run prints for the invariants: each line, then its examples. */
    private static String report(CheckResult result) {
        StringBuilder report = new StringBuilder();
        for (InvariantResult invariant : result.invariants()) {
            report.append(invariant.line()).append('\n');
            invariant
                    .examples()
                    .forEach(example -> report.append("    ").append(example).append('\n'));
        }
        return report.toString();
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

    private static Operation failed(long index, String key) {
        return new Operation(
                index,
                key,
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
                "ConnectException");
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
