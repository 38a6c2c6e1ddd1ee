package dev.steadfast.checkpoint;

/** A stored checkpoint failed verification: bad magic, unknown format, wrong length or wrong CRC32C. */
public class CorruptCheckpointException extends CheckpointException {

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
