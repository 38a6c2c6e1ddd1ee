package dev.steadfast.demo.order.order;

import dev.steadfast.demo.order.payment.PaymentClient;
import dev.steadfast.demo.order.payment.PaymentCommand;
import dev.steadfast.demo.order.payment.PaymentRejectedException;
import dev.steadfast.demo.order.payment.PaymentResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One step of an order's payment saga: ask the payment service, then record the outcome. Authorized → PAID,
 * declined or refused → CANCELLED (the compensation), each in one transaction with the removal of the order's
 * outbox row; no answer → the order stays pending and its outbox row is rescheduled with backoff. Safe to run
 * twice for one order, even concurrently: the payment service is idempotent by order id and an outcome is
 * recorded only while the order is pending.
 */
@Component
public class OrderPayments {

    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

    private final PaymentClient paymentClient;

    private final OrderRepository orders;

    private final OrderOutbox outbox;

    private final OrderProperties.Outbox outboxProperties;

    private final TransactionTemplate transaction;

    private final Clock clock = Clock.systemUTC();

    OrderPayments(
            PaymentClient paymentClient,
            OrderRepository orders,
            OrderOutbox outbox,
            OrderProperties properties,
            PlatformTransactionManager transactionManager) {
        this.paymentClient = paymentClient;
        this.orders = orders;
        this.outbox = outbox;
        this.outboxProperties = properties.outbox();
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Tries to pay for a pending order.
     *
     * @param order the order, pending
     * @param failedAttempts how many attempts failed before this one
     * @return the order as it stands afterwards
     */
    public Order pay(Order order, int failedAttempts) {
        PaymentResult result;
        try {
            result = paymentClient.authorize(new PaymentCommand(order.id(), order.amount(), order.currency()));
        } catch (PaymentRejectedException ex) {
            log.warn("Payment for order {} refused, cancelling the order: {}", order.id(), ex.getMessage());
            return complete(order, OrderStatus.CANCELLED, null);
        } catch (RuntimeException ex) {
            int attempts = failedAttempts + 1;
            Instant next = now().plus(outboxProperties.backoff(attempts));
            outbox.reschedule(order.id(), attempts, next, ex.getClass().getSimpleName() + ": " + ex.getMessage());
            log.info(
                    "Payment for order {} unavailable (attempt {}), next try at {}: {}",
                    order.id(),
                    attempts,
                    next,
                    ex.toString());
            return order;
        }
        return complete(order, result.authorized() ? OrderStatus.PAID : OrderStatus.CANCELLED, result.paymentId());
    }

    private Order complete(Order order, OrderStatus status, String paymentId) {
        return transaction.execute(tx -> {
            orders.complete(order.id(), status, paymentId, now());
            outbox.remove(order.id());
            return orders.findById(order.id()).orElseThrow();
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
