package dev.steadfast.chaos.check;

import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks the seven invariants of a chaos run against the history of operations, the rows of both databases and
 * the payment election's terms as ZooKeeper recorded them. The checker trusts neither the services nor the
 * schema: it recounts everything from the rows, and judges every settlement write against ZooKeeper's record.
 */
public final class Checker {

    private final AcknowledgedOrdersInvariant acknowledgedOrders;
    private final OnePaymentPerOrderInvariant onePaymentPerOrder = new OnePaymentPerOrderInvariant();
    private final SettlementInvariant settlement = new SettlementInvariant();
    private final FencingInvariant fencing = new FencingInvariant();
    private final UnknownOutcomeInvariant unknownOutcome = new UnknownOutcomeInvariant();
    private final TermEndInvariant termEnd;
    private final ShedOrderInvariant shedOrder = new ShedOrderInvariant();

    /**
     * @param authorizationLimit the payment service's limit: an order is declined exactly when its amount is over it
     * @param epochMillisAtRunStart the wall-clock time at which the run's clock read zero, to place the batches'
     *     write times on the terms' time line
     */
    public Checker(BigDecimal authorizationLimit, long epochMillisAtRunStart) {
        this.acknowledgedOrders = new AcknowledgedOrdersInvariant(authorizationLimit);
        this.termEnd = new TermEndInvariant(epochMillisAtRunStart);
    }

    /**
     * @param history every operation, completed or skipped
     * @param db the rows after the run drained
     * @param paymentTerms the payment election's terms as ZooKeeper recorded them
     */
    public CheckResult check(List<Operation> history, DatabaseSnapshot db, List<LeadershipTerm> paymentTerms) {
        AcknowledgedOrdersInvariant.Verdict orders = acknowledgedOrders.check(history, db);
        OnePaymentPerOrderInvariant.Verdict payments = onePaymentPerOrder.check(db);
        SettlementInvariant.Verdict settled = settlement.check(db);
        FencingInvariant.Verdict fenced = fencing.check(db, paymentTerms);
        TermEndInvariant.Verdict withinTerm = termEnd.check(db, paymentTerms);
        List<InvariantResult> results = List.of(
                orders.invariant(),
                payments.invariant(),
                settled.invariant(),
                fenced.invariant(),
                unknownOutcome.check(history, db),
                withinTerm.invariant(),
                shedOrder.check(history, db));
        long acked = history.stream().filter(Operation::acknowledged).count();
        long shed = history.stream().filter(Operation::shed).count();
        // Shed orders are failed ones that certainly did not take effect; the line names how many of them were shed.
        long failed = shed
                + history.stream().filter(op -> op.outcome() == Outcome.FAIL).count();
        long unknown =
                history.stream().filter(op -> op.outcome() == Outcome.UNKNOWN).count();
        return new CheckResult(
                results,
                history.size(),
                acked,
                failed,
                unknown,
                orders.lost(),
                orders.unexpectedOutcomes(),
                payments.duplicatePayments(),
                settled.errors(),
                fenced.staleWrites(),
                withinTerm.writesAfterTermEnd(),
                shed);
    }
}
