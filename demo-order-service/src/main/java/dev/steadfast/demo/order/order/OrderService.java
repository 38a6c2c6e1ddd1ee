package dev.steadfast.demo.order.order;

import dev.steadfast.demo.order.failpoint.Failpoint;
import dev.steadfast.demo.order.failpoint.Failpoints;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders. The order and its outbox row are committed before the payment service is called, so an order
 * acknowledged to anyone is never lost: if this instance dies during the call, the reconciler finishes the job.
 */
@Service
public class OrderService {

    private static final long ACK_BEFORE_COMMIT_DELAY_MILLIS = 2_000;

    private final OrderRepository orders;

    private final OrderOutbox outbox;

    private final OrderPayments payments;

    private final OrderProperties.Outbox outboxProperties;

    private final TransactionTemplate transaction;

    private final Clock clock = Clock.systemUTC();

    private final Failpoints failpoints;

    /** Writes acknowledged orders late, only while the test-only failpoint is on; otherwise no thread at all. */
    private final ScheduledExecutorService late;

    OrderService(
            OrderRepository orders,
            OrderOutbox outbox,
            OrderPayments payments,
            OrderProperties properties,
            PlatformTransactionManager transactionManager,
            Failpoints failpoints) {
        this.failpoints = failpoints;
        this.late = failpoints.on(Failpoint.ACK_BEFORE_COMMIT)
                ? Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "failpoint-ack-before-commit");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        this.orders = orders;
        this.outbox = outbox;
        this.payments = payments;
        this.outboxProperties = properties.outbox();
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Places an order and tries to pay for it once (with the client's retries).
     *
     * @param request the order
     * @param idempotencyKey the client's key, or {@code null}; the same key again returns the same order
     * @throws IdempotencyKeyReusedException if the key was used for a different order
     */
    public Placement place(CreateOrderRequest request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Order> existing = orders.findByIdempotencyKey(idempotencyKey);
            if (existing.isPresent()) {
                return replay(existing.get(), request);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Order order = new Order(
                UUID.randomUUID().toString(),
                request.customerId(),
                request.amount().setScale(2, RoundingMode.UNNECESSARY),
                request.currency(),
                OrderStatus.PAYMENT_PENDING,
                null,
                idempotencyKey,
                now,
                now);
        if (failpoints.on(Failpoint.ACK_BEFORE_COMMIT)) {
            // Test-only: the client hears "accepted" while nothing is written yet.
            late.schedule(
                    () -> payments.pay(persist(order, now), 0), ACK_BEFORE_COMMIT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            return new Placement(order, true);
        }
        try {
            persist(order, now);
        } catch (DuplicateKeyException ex) {
            // A concurrent request with the same key won the race.
            Order winner = orders.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> ex);
            return replay(winner, request);
        }
        return new Placement(payments.pay(order, 0), true);
    }

    private Order persist(Order order, Instant now) {
        transaction.executeWithoutResult(tx -> {
            orders.insert(order);
            // Not before the grace period: the request itself is still trying to pay.
            outbox.add(order.id(), now.plus(outboxProperties.grace()));
        });
        return order;
    }

    private static Placement replay(Order existing, CreateOrderRequest request) {
        if (!existing.matches(request)) {
            throw new IdempotencyKeyReusedException(existing);
        }
        return new Placement(existing, false);
    }

    /**
     * The order with the id.
     *
     * @throws OrderNotFoundException if there is none
     */
    public Order get(String id) {
        return orders.findById(id.toLowerCase()).orElseThrow(() -> new OrderNotFoundException(id));
    }

    /** One page of orders, newest first. */
    public OrderPage list(int page, int size) {
        long total = orders.count();
        return new OrderPage(orders.findPage(page, size), page, size, total, (total + size - 1) / size);
    }

    /**
     * The result of placing an order.
     *
     * @param order the order as it stands
     * @param created whether this request created it, rather than repeating an earlier one
     */
    public record Placement(Order order, boolean created) {}
}
