package dev.steadfast.demo.order.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order, as stored and as answered to clients.
 *
 * @param id the order's id, a UUID; also the idempotency key of its payment
 * @param customerId the customer who placed it
 * @param amount the amount to pay
 * @param currency the currency
 * @param status where its payment stands
 * @param paymentId the payment's id once the payment service decided, else {@code null}
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
 * @param createdAt when it was placed
 * @param updatedAt when its status last changed
 */
public record Order(
        String id,
        String customerId,
        BigDecimal amount,
        String currency,
        OrderStatus status,
        String paymentId,
        @JsonIgnore String idempotencyKey,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the order was placed with the same details as {@code request}. */
    boolean matches(CreateOrderRequest request) {
        return customerId.equals(request.customerId())
                && amount.compareTo(request.amount()) == 0
                && currency.equals(request.currency());
    }
}
