package dev.steadfast.chaos.check;

import java.util.List;

/**
 * The checker's findings: one result per invariant and the counts of the summary line.
 *
 * @param invariants the invariants in order
 * @param orders operations invoked, skipped ones included
 * @param acked operations acknowledged with 201 or 202
 * @param failed operations that certainly did not take effect (refused, 4xx, skipped by the client, or shed)
 * @param unknown operations whose effect nobody knows (timeouts, resets, 5xx)
 * @param lost acknowledged orders missing, or answered PAID and no longer paid
 * @param unexpectedOutcomes orders that ended otherwise than the load generator expects (declined exactly when
 *     the amount is over the payment limit)
 * @param duplicatePayments payments beyond the first of an order
 * @param settlementErrors unsettled or twice-settled payments, gaps, and unbalanced batches
 * @param staleWrites batches whose token went backwards, is no term ZooKeeper recorded, or is another writer's
 * @param writesAfterTermEnd batches written after ZooKeeper had ended the writer's term (the leader acted past its
 *     lease; the database fence is what keeps such a write safe)
 * @param shed of the failed operations, those the service shed at once under overload (429, or 503 with
 *     Retry-After)
 */
public record CheckResult(
        List<InvariantResult> invariants,
        long orders,
        long acked,
        long failed,
        long unknown,
        long lost,
        long unexpectedOutcomes,
        long duplicatePayments,
        long settlementErrors,
        long staleWrites,
        long writesAfterTermEnd,
        long shed) {

    public boolean passed() {
        return invariants.stream().allMatch(InvariantResult::holds);
    }
}
