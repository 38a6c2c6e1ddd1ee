package dev.steadfast.chaos.observe;

/**
 * One leadership change caused by a fault, as ZooKeeper recorded it: from the moment the fault hit the leader (or
 * ZooKeeper) until a later term began.
 *
 * @param service the election whose leader was hit
 * @param cause the fault that hit it
 * @param from the participant that led when the fault hit
 * @param to the participant of the next term, or {@code null} if none began
 * @param startMillis the fault's time, in milliseconds since the run started
 * @param endMillis when the next term began, or -1
 * @param boundMillis how long the failover may take for this fault (see {@code Failovers})
 */
public record Failover(
        String service, String cause, String from, String to, long startMillis, long endMillis, long boundMillis) {

    public boolean completed() {
        return endMillis >= 0;
    }

    public long millis() {
        return endMillis - startMillis;
    }

    /** Whether a later term began within the bound. */
    public boolean withinBound() {
        return completed() && millis() <= boundMillis;
    }
}
