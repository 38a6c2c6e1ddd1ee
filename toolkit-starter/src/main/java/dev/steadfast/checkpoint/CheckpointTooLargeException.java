package dev.steadfast.checkpoint;

/** A checkpoint is larger than its store accepts; the message names the property or store to use instead. */
public class CheckpointTooLargeException extends CheckpointException {

    public CheckpointTooLargeException(String message) {
        super(message);
    }
}
