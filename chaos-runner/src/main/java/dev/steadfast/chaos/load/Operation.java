package dev.steadfast.chaos.load;

import java.math.BigDecimal;

/**
 * One completed order request of the history.
 *
 * @param index the operation's number in invocation order
 * @param idempotencyKey the key sent with every attempt of the operation
 * @param customerId the customer of the order
 * @param amount the amount requested
 * @param currency the currency requested
 * @param invokedAtMillis when the request was first sent, in milliseconds since the run started
 * @param completedAtMillis when the final answer (or the final failure) arrived
 * @param outcome ok, fail, unknown or shed
 * @param httpStatus the final HTTP status, or 0 when there was none
 * @param orderId the order id the service answered, or {@code null}
 * @param orderStatus the order status the service answered ({@code PAID}, {@code CANCELLED}, {@code
 *     PAYMENT_PENDING}), or {@code null}
 * @param attempts how many requests were sent (the same key again after a refused connection or a timeout)
 * @param error the last error, or {@code null}
 */
public record Operation(
        long index,
        String idempotencyKey,
        String customerId,
        BigDecimal amount,
        String currency,
        long invokedAtMillis,
        long completedAtMillis,
        Outcome outcome,
        int httpStatus,
        String orderId,
        String orderStatus,
        int attempts,
        String error) {

    public long latencyMillis() {
        return completedAtMillis - invokedAtMillis;
    }

    /** Whether the client got an answer: 201 (paid or cancelled) or 202 (payment pending). */
    public boolean acknowledged() {
        return outcome == Outcome.OK;
    }

    /** Whether the service refused it at once under overload, so that it certainly did not take effect. */
    public boolean shed() {
        return outcome == Outcome.SHED;
    }

    /** Whether the order service answered with its fallback: accepted, payment still pending. */
    public boolean fallback() {
        return acknowledged() && "PAYMENT_PENDING".equals(orderStatus);
    }
}
