package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.PaymentRow;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Invariant 2: no order is charged twice, no payment lacks its order, every payment matches its order's amount, and
 * an order's status agrees with whether it was charged.
 */
final class OnePaymentPerOrderInvariant {

    /**
     * @param invariant the verdict
     * @param duplicatePayments payments beyond the first of an order
     */
    record Verdict(InvariantResult invariant, long duplicatePayments) {}

    Verdict check(DatabaseSnapshot db) {
        Map<String, OrderRow> orders = Rows.index(db.orders(), OrderRow::id);
        Map<String, List<PaymentRow>> byOrder =
                db.payments().stream().collect(Collectors.groupingBy(p -> Objects.toString(p.orderId(), "")));
        Examples examples = new Examples();
        long extra = 0, orphans = 0, unpaid = 0, charged = 0, mismatched = 0;
        for (Map.Entry<String, List<PaymentRow>> entry : byOrder.entrySet()) {
            List<PaymentRow> payments = entry.getValue();
            if (payments.size() > 1) {
                extra += payments.size() - 1;
                examples.add("duplicate: order " + entry.getKey() + " has " + payments.size() + " payments "
                        + payments.stream().map(PaymentRow::id).toList());
            }
            OrderRow order = orders.get(entry.getKey());
            if (order == null) {
                orphans += payments.size();
                examples.add("orphan: payment " + payments.get(0).id() + " for unknown order " + entry.getKey());
                continue;
            }
            for (PaymentRow payment : payments) {
                if (!Rows.sameAmount(order.amount(), payment.amount())
                        || !Objects.equals(order.currency(), payment.currency())) {
                    mismatched++;
                    examples.add("amount: order " + order.id() + " " + order.amount() + " " + order.currency()
                            + " paid " + payment.amount() + " " + payment.currency());
                }
            }
        }
        for (OrderRow order : db.orders()) {
            long authorized = byOrder.getOrDefault(order.id(), List.of()).stream()
                    .filter(p -> "AUTHORIZED".equals(p.status()))
                    .count();
            if ("PAID".equals(order.status()) && authorized == 0) {
                unpaid++;
                examples.add("unpaid: order " + order.id() + " is PAID without an authorized payment");
            }
            if ("CANCELLED".equals(order.status()) && authorized > 0) {
                charged++;
                examples.add("charged: order " + order.id() + " is CANCELLED but its payment is AUTHORIZED");
            }
        }
        boolean holds = extra == 0 && orphans == 0 && unpaid == 0 && charged == 0 && mismatched == 0;
        InvariantResult invariant = new InvariantResult(
                2,
                "no order has more than one payment, no payment lacks its order, amounts match",
                holds,
                "payments=%d duplicate_payments=%d orphan_payments=%d paid_without_payment=%d cancelled_but_charged=%d amount_mismatches=%d"
                        .formatted(db.payments().size(), extra, orphans, unpaid, charged, mismatched),
                examples.list());
        return new Verdict(invariant, extra);
    }
}
