package dev.steadfast.leader;

/** Why a leadership term ended. */
public enum RevocationReason {

    /** The connection to ZooKeeper was suspended; the session may still be alive, but leading is unsafe. */
    CONNECTION_SUSPENDED,

    /** The ZooKeeper session expired; another participant may already lead. */
    SESSION_LOST,

    /** No contact with ZooKeeper within the lease, measured on this instance's monotonic clock. */
    LEASE_EXPIRED,

    /** Leadership was given up on request, through the API or the actuator endpoint. */
    YIELDED,

    /** The application is shutting down and released leadership first. */
    SHUTDOWN,

    /** The election's node disappeared or another participant was seen as leader. */
    LEADERSHIP_LOST
}
