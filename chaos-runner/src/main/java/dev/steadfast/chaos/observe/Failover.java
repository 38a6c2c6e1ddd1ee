package dev.steadfast.chaos.observe;

/**
 * One leadership change caused by a fault: from the moment the fault hit the leader until another instance
 * reported {@code LEADER}.
 *
 * @param service the service whose leader was hit
 * @param cause the fault that hit it
 * @param from the participant that led when the fault hit
 * @param to the participant that led afterwards, or {@code null} if none took over
 * @param startMillis the fault's time, in milliseconds since the run started
 * @param endMillis when the new leader was first seen, or -1
 */
public record Failover(String service, String cause, String from, String to, long startMillis, long endMillis) {

    public boolean completed() {
        return endMillis >= 0;
    }

    public long millis() {
        return endMillis - startMillis;
    }
}
