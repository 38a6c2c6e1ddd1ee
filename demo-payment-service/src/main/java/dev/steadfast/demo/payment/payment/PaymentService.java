package dev.steadfast.demo.payment.payment;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Authorizes payments, once per order. The unique constraint on the order id decides between concurrent
 * duplicates: the loser reads the winner's payment and answers with it, or with a conflict when the requests
 * differ.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;

    private final PaymentProperties properties;

    private final Clock clock;

    private final String instanceId;

    PaymentService(PaymentRepository payments, PaymentProperties properties) {
        this.payments = payments;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.instanceId = properties.instanceId();
    }

    /**
     * Authorizes the payment for an order, or returns the one authorized before for the same request.
     *
     * @throws PaymentConflictException if the order was paid with another amount or currency
     */
    public Authorization authorize(PaymentRequest request) {
        PaymentStatus status = request.amount().compareTo(properties.authorizationLimit()) > 0
                ? PaymentStatus.DECLINED
                : PaymentStatus.AUTHORIZED;
        // Microseconds: what both H2 and PostgreSQL store, so that the stored value equals the answered one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Payment payment = new Payment(
                UUID.randomUUID().toString(),
                request.orderId().toLowerCase(),
                request.amount().setScale(2, RoundingMode.UNNECESSARY),
                request.currency(),
                status,
                now);
        try {
            payments.insert(payment, instanceId);
            log.info("Payment {} for order {}: {}", payment.paymentId(), payment.orderId(), status);
            return new Authorization(payment, true);
        } catch (DuplicateKeyException ex) {
            Payment existing = payments.findByOrderId(payment.orderId()).orElseThrow(() -> ex);
            if (!existing.matches(new PaymentRequest(payment.orderId(), payment.amount(), payment.currency()))) {
                throw new PaymentConflictException(existing);
            }
            return new Authorization(existing, false);
        }
    }

    /**
     * The payment for an order.
     *
     * @throws PaymentNotFoundException if there is none
     */
    public Payment get(String orderId) {
        return payments.findByOrderId(orderId.toLowerCase()).orElseThrow(() -> new PaymentNotFoundException(orderId));
    }

    /** The most recent payments, newest first. */
    public List<Payment> recent(int limit) {
        return payments.findRecent(limit);
    }

    /**
     * The result of an authorization request.
     *
     * @param payment the payment
     * @param created whether this request created it, rather than repeating an earlier request
     */
    public record Authorization(Payment payment, boolean created) {}
}
