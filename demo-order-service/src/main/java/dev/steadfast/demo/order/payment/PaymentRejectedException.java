package dev.steadfast.demo.order.payment;

/**
 * The payment service refused the request itself (a 4xx other than 408 and 429, such as 409 for an order paid
 * with other details). Repeating the request cannot succeed, so neither retry nor circuit breaker count it.
 */
public class PaymentRejectedException extends RuntimeException {

    private final int status;

    public PaymentRejectedException(int status, String detail) {
        super("Payment service refused the request with " + status + ": " + detail);
        this.status = status;
    }

    /** The HTTP status of the refusal. */
    public int status() {
        return status;
    }
}
