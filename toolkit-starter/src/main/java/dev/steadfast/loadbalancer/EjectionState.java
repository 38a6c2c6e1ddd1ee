package dev.steadfast.loadbalancer;

/** Where an instance stands with the outlier detector. */
public enum EjectionState {

    /** Receives traffic; its failures are counted. */
    ACTIVE,

    /** Receives no traffic until its ejection time is over. */
    EJECTED,

    /** Back from an ejection: receives traffic, and its next failure ejects it again at once, for longer. */
    PROBATION
}
