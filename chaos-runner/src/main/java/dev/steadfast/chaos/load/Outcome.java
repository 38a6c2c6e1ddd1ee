package dev.steadfast.chaos.load;

/** How an operation completed, in Jepsen's terms. */
public enum Outcome {
    /** The service answered 201 or 202: the order is acknowledged and must never be lost. */
    OK,
    /** The operation certainly did not take effect (no instance accepted the connection, or a 4xx). */
    FAIL,
    /** Nobody knows whether it took effect (timeout, reset, 5xx): it may exist, but at most once. */
    UNKNOWN,
    /**
     * The service shed it at once because it was overloaded ({@code 429}, or {@code 503} with {@code Retry-After}) on
     * the first answer: failed and certainly not applied, so its order must not exist.
     */
    SHED
}
