package dev.steadfast.demo.order.payment;

/**
 * The payment service answered with success but with a body that does not say what happened. The outcome is
 * unknown, so the call counts as failed and is repeated later with the same idempotency key.
 */
public class InvalidPaymentResponseException extends RuntimeException {

    public InvalidPaymentResponseException(String message) {
        super(message);
    }
}
