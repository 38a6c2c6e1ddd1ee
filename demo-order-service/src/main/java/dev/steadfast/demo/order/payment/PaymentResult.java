package dev.steadfast.demo.order.payment;

/**
 * The payment service's decision on one order.
 *
 * @param paymentId the payment's id
 * @param authorized whether the payment was authorized; {@code false} when it was declined
 */
public record PaymentResult(String paymentId, boolean authorized) {}
