package dev.steadfast.checkpoint;

/** A checkpoint could not be saved, read or restored. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
