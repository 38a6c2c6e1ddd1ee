package dev.steadfast.demo.order.payment;

import java.math.BigDecimal;

/**
 * The request to authorize the payment of one order. The order id is the payment service's idempotency key: the
 * same command sent twice is charged once.
 *
 * @param orderId the order's id
 * @param amount the amount
 * @param currency the currency
 */
public record PaymentCommand(String orderId, BigDecimal amount, String currency) {}
