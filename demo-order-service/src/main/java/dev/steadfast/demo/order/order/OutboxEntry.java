package dev.steadfast.demo.order.order;

import java.time.Instant;

/**
 * An order whose payment outcome is not recorded yet.
 *
 * @param orderId the order
 * @param attempts how many payment attempts failed so far
 * @param nextAttemptAt when the reconciler may try again
 * @param lastError why the last attempt failed, or {@code null}
 */
public record OutboxEntry(String orderId, int attempts, Instant nextAttemptAt, String lastError) {}
