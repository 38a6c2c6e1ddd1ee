package dev.steadfast.checkpoint;

/**
 * A stored checkpoint failed verification: bad magic, wrong length or wrong CRC32C. Only this is corruption, which
 * the current writer quarantines; a checkpoint that is intact but not readable by this instance is
 * {@link UnreadableCheckpointException}.
 */
public class CorruptCheckpointException extends CheckpointException {

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
