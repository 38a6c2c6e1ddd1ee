package dev.steadfast.demo.order.outbox;

import dev.steadfast.demo.order.order.OrderOutbox;
import dev.steadfast.demo.order.order.OrderPayments;
import dev.steadfast.demo.order.order.OrderProperties;
import dev.steadfast.demo.order.order.OrderService;
import dev.steadfast.demo.order.order.OrderStatus;
import dev.steadfast.demo.order.order.OutboxEntry;
import dev.steadfast.leader.LeaderOnly;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-sends the payment of every order left pending, with the order id as idempotency key, until the payment
 * service decides. Runs on the leader only, which saves duplicate calls; it needs no fencing, because a repeated
 * payment request is charged once and an order's outcome is recorded only while it is pending.
 */
@Component
class OutboxReconciler {

    private static final Logger log = LoggerFactory.getLogger(OutboxReconciler.class);

    private final OrderOutbox outbox;

    private final OrderService orders;

    private final OrderPayments payments;

    private final int batchSize;

    private final Clock clock = Clock.systemUTC();

    OutboxReconciler(OrderOutbox outbox, OrderService orders, OrderPayments payments, OrderProperties properties) {
        this.outbox = outbox;
        this.orders = orders;
        this.payments = payments;
        this.batchSize = properties.outbox().batchSize();
    }

    @Scheduled(fixedDelayString = "${order.outbox.interval:2s}", initialDelayString = "${order.outbox.interval:2s}")
    @LeaderOnly
    public void reconcile() {
        List<OutboxEntry> due = outbox.findDue(clock.instant(), batchSize);
        int completed = 0;
        for (OutboxEntry entry : due) {
            OrderStatus status =
                    payments.pay(orders.get(entry.orderId()), entry.attempts()).status();
            if (status != OrderStatus.PAYMENT_PENDING) {
                completed++;
            }
        }
        if (!due.isEmpty()) {
            log.info("Reconciled {} of {} pending orders", completed, due.size());
        }
    }
}
