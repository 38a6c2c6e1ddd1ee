package dev.steadfast.chaos.fault;

/**
 * One entry of the fault schedule.
 *
 * @param atMillis the earliest time to inject it, in milliseconds after the load started
 * @param kind what to do
 * @param target which instance of a service when the fault does not target the leader (0-based)
 * @param holdMillis how long the fault lasts before it is healed (pause, assault, outage)
 */
public record ScheduledFault(long atMillis, FaultKind kind, int target, long holdMillis) {

    /**
     * Whether this is a leader frozen inside settlement that must wake only after its successor's first write: it
     * stays frozen past its hold until another instance has written a batch.
     */
    public boolean outlastsSuccessorsWrite() {
        return kind == FaultKind.PAUSE_PAYMENT_LEADER_IN_SETTLEMENT
                && holdMillis == FaultSchedule.IN_SETTLEMENT_AFTER_SUCCESSOR;
    }
}
