package dev.steadfast.limit;

/** The algorithm of Netflix's {@code concurrency-limits} that moves an adaptive limit. */
public enum LimitAlgorithm {

    /**
     * Delay-based: compares each measured round-trip time with a long-term average and shrinks the limit when the
     * short-term latency exceeds it by more than the RTT tolerance; grows it while latency stays flat.
     */
    GRADIENT2,

    /**
     * Delay-based after TCP Vegas: estimates the queue from the lowest RTT seen and keeps it between small bounds.
     * Its floor is 1; the minimum limit does not apply.
     */
    VEGAS,

    /**
     * Loss-based: adds one while calls succeed within the timeout and multiplies by the backoff ratio when a call
     * times out or is refused (HTTP 429/503) downstream.
     */
    AIMD
}
