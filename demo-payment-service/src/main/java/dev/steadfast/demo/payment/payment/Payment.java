package dev.steadfast.demo.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One authorization, as stored and as answered to clients.
 *
 * @param paymentId the payment's id
 * @param orderId the order it pays for, unique among payments
 * @param amount the amount, two decimals
 * @param currency the ISO 4217 currency code
 * @param status whether it was authorized or declined
 * @param createdAt when it was authorized
 */
public record Payment(
        String paymentId, String orderId, BigDecimal amount, String currency, PaymentStatus status, Instant createdAt) {

    /** Whether this payment was made for the same order, amount and currency as {@code request}. */
    boolean matches(PaymentRequest request) {
        return orderId.equals(request.orderId())
                && amount.compareTo(request.amount()) == 0
                && currency.equals(request.currency());
    }
}
