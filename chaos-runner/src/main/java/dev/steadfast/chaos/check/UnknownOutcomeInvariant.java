package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Invariant 5: an operation whose outcome the client never learned took effect at most once, a failed one not at all,
 * and no order exists that no client sent.
 */
final class UnknownOutcomeInvariant {

    InvariantResult check(List<Operation> history, DatabaseSnapshot db) {
        Map<String, Long> ordersPerKey = db.orders().stream()
                .filter(o -> o.idempotencyKey() != null)
                .collect(Collectors.groupingBy(OrderRow::idempotencyKey, Collectors.counting()));
        Set<String> invokedKeys =
                history.stream().map(Operation::idempotencyKey).collect(Collectors.toSet());
        Examples examples = new Examples();
        long unknown = 0, unknownPresent = 0, repeated = 0, failedPresent = 0, phantoms = 0;
        for (Operation op : history) {
            long present = ordersPerKey.getOrDefault(op.idempotencyKey(), 0L);
            if (present > 1) {
                repeated++;
                examples.add("key " + op.idempotencyKey() + " (" + op.outcome() + ") has " + present + " orders");
            }
            if (op.outcome() == Outcome.UNKNOWN) {
                unknown++;
                unknownPresent += present > 0 ? 1 : 0;
            } else if (op.outcome() == Outcome.FAIL && present > 0) {
                failedPresent++;
                examples.add("failed op " + op.index() + " key " + op.idempotencyKey() + " took effect anyway");
            }
        }
        for (String key : ordersPerKey.keySet()) {
            if (!invokedKeys.contains(key)) {
                phantoms++;
                examples.add("phantom: order with key " + key + " that no client sent");
            }
        }
        boolean holds = repeated == 0 && failedPresent == 0 && phantoms == 0;
        return new InvariantResult(
                5,
                "operations with an unknown outcome are present at most once",
                holds,
                "unknown=%d unknown_present=%d applied_twice=%d failed_but_present=%d phantom_orders=%d"
                        .formatted(unknown, unknownPresent, repeated, failedPresent, phantoms),
                examples.list());
    }
}
