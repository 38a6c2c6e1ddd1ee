package dev.steadfast.demo.payment.settlement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An authorized payment that no batch covers yet.
 *
 * @param paymentId the payment's id
 * @param amount its amount
 * @param currency its currency
 * @param createdAt when it was authorized
 */
record UnsettledPayment(String paymentId, BigDecimal amount, String currency, Instant createdAt) {}
