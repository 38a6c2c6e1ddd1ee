package dev.steadfast.chaos.check;

import java.util.List;

/**
 * The checker's findings: one result per invariant and the counts of the summary line.
 *
 * @param invariants the five invariants in order
 * @param orders operations invoked
 * @param acked operations acknowledged with 201 or 202
 * @param lost acknowledged orders missing, or answered PAID and no longer paid
 * @param duplicatePayments payments beyond the first of an order
 * @param settlementErrors unsettled or twice-settled payments, gaps, and unbalanced batches
 * @param staleWrites batches with a token older than an earlier batch's or written by another than its leader
 */
public record CheckResult(
        List<InvariantResult> invariants,
        long orders,
        long acked,
        long lost,
        long duplicatePayments,
        long settlementErrors,
        long staleWrites) {

    public boolean passed() {
        return invariants.stream().allMatch(InvariantResult::holds);
    }
}
