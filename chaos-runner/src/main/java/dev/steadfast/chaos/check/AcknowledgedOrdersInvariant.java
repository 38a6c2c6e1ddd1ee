package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.load.Operation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Invariant 1: every acknowledged order exists and keeps the outcome it was answered with, and every order ends as its
 * amount decides (paid, or cancelled exactly when over the payment service's limit).
 */
final class AcknowledgedOrdersInvariant {

    /**
     * @param invariant the verdict
     * @param lost acknowledged orders missing, or answered PAID and no longer paid
     * @param unexpectedOutcomes orders cancelled under the limit or paid over it
     */
    record Verdict(InvariantResult invariant, long lost, long unexpectedOutcomes) {}

    private final BigDecimal authorizationLimit;

    AcknowledgedOrdersInvariant(BigDecimal authorizationLimit) {
        this.authorizationLimit = authorizationLimit;
    }

    Verdict check(List<Operation> history, DatabaseSnapshot db) {
        Map<String, OrderRow> byId = Rows.index(db.orders(), OrderRow::id);
        Map<String, OrderRow> byKey = Rows.index(db.orders(), OrderRow::idempotencyKey);
        Examples examples = new Examples();
        long acked = 0, missing = 0, contradicted = 0, paid = 0, cancelled = 0, invalid = 0;
        for (Operation op : history) {
            if (!op.acknowledged()) {
                continue;
            }
            acked++;
            OrderRow order = op.orderId() != null && byId.containsKey(op.orderId())
                    ? byId.get(op.orderId())
                    : byKey.get(op.idempotencyKey());
            if (order == null) {
                missing++;
                examples.add("lost: op " + op.index() + " acknowledged " + op.httpStatus() + " order " + op.orderId()
                        + " key " + op.idempotencyKey() + " is not in orders");
                continue;
            }
            if ("PAID".equals(op.orderStatus()) && !"PAID".equals(order.status())) {
                contradicted++;
                examples.add("lost: order " + order.id() + " was answered PAID, is now " + order.status());
            }
            switch (Objects.toString(order.status(), "")) {
                case "PAID" -> paid++;
                case "CANCELLED" -> cancelled++;
                case "PAYMENT_PENDING" -> {}
                default -> invalid++;
            }
        }
        long pending = db.orders().stream()
                .filter(o -> "PAYMENT_PENDING".equals(o.status()))
                .count();
        db.orders().stream()
                .filter(o -> "PAYMENT_PENDING".equals(o.status()))
                .forEach(o -> examples.add("stuck: order " + o.id() + " still PAYMENT_PENDING"));
        // Every order, acknowledged or not, must end as its amount decides: any other cancellation is a lost sale.
        long lostSales = 0, paidOverLimit = 0;
        for (OrderRow order : db.orders()) {
            boolean overLimit = order.amount() != null && order.amount().compareTo(authorizationLimit) > 0;
            if ("CANCELLED".equals(order.status()) && !overLimit) {
                lostSales++;
                examples.add("lost sale: order " + order.id() + " of " + order.amount() + " was cancelled");
            } else if ("PAID".equals(order.status()) && overLimit) {
                paidOverLimit++;
                examples.add("over limit: order " + order.id() + " of " + order.amount() + " was paid");
            }
        }
        long lost = missing + contradicted;
        long unexpectedOutcomes = lostSales + paidOverLimit;
        boolean holds = lost == 0 && unexpectedOutcomes == 0 && pending == 0 && invalid == 0;
        InvariantResult invariant = new InvariantResult(
                1,
                "every acknowledged order exists; every order ends PAID, or CANCELLED exactly when over the limit",
                holds,
                ("acknowledged=%d paid=%d cancelled=%d missing=%d paid_then_unpaid=%d pending=%d invalid_status=%d"
                                + " lost_sales=%d paid_over_limit=%d")
                        .formatted(
                                acked,
                                paid,
                                cancelled,
                                missing,
                                contradicted,
                                pending,
                                invalid,
                                lostSales,
                                paidOverLimit),
                examples.list());
        return new Verdict(invariant, lost, unexpectedOutcomes);
    }
}
