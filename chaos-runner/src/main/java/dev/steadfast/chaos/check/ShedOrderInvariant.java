package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.PaymentRow;
import dev.steadfast.chaos.load.Operation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Invariant 7: an order shed under overload was never created nor charged. A shed answer claims that the service
 * refused the order before doing anything: no order with its key may exist, and no payment for such an order. An order
 * created and then answered as shed would be charged while its client was told to try again later.
 */
final class ShedOrderInvariant {

    InvariantResult check(List<Operation> history, DatabaseSnapshot db) {
        Map<String, OrderRow> byKey = Rows.index(db.orders(), OrderRow::idempotencyKey);
        Set<String> chargedOrders = db.payments().stream()
                .filter(p -> "AUTHORIZED".equals(p.status()))
                .map(PaymentRow::orderId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Examples examples = new Examples();
        long shed = 0, created = 0, charged = 0;
        for (Operation op : history) {
            if (!op.shed()) {
                continue;
            }
            shed++;
            OrderRow order = byKey.get(op.idempotencyKey());
            if (order == null) {
                continue;
            }
            created++;
            boolean paid = chargedOrders.contains(order.id());
            charged += paid ? 1 : 0;
            examples.add("shed but applied: op " + op.index() + " answered " + op.httpStatus() + " has order "
                    + order.id() + " (" + order.status() + (paid ? ", charged" : "") + ")");
        }
        return new InvariantResult(
                7,
                "orders shed under overload (429, or 503 with Retry-After) were never created nor charged",
                created == 0,
                "shed=%d shed_but_created=%d shed_but_charged=%d".formatted(shed, created, charged),
                examples.list());
    }
}
