package dev.steadfast.loadbalancer;

/** Why the outlier detector ejected an instance. */
public enum EjectionReason {

    /** As many failures in a row as {@code steadfast.loadbalancer.outlier.consecutive-failures}. */
    CONSECUTIVE_FAILURES,

    /** A failure rate at or above the threshold over the sliding window. */
    FAILURE_RATE,

    /** A failure while on probation after an earlier ejection. */
    FAILED_ON_PROBATION
}
