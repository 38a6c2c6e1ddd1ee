package dev.steadfast.checkpoint;

/**
 * A stored checkpoint is intact but this instance cannot read it: its envelope format or state schema is newer than
 * this version of the application knows, or its payload does not map to this instance's state type. Other
 * instances (a newer version during a rolling deploy) may read it, so it is never quarantined for this.
 */
public class UnreadableCheckpointException extends CheckpointException {

    public UnreadableCheckpointException(String message) {
        super(message);
    }

    public UnreadableCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
