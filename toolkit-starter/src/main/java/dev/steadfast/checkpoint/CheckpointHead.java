package dev.steadfast.checkpoint;

/**
 * The committed watermark of one checkpoint in a store: the highest sequence written and the highest fencing
 * token seen. A store refuses a commit whose token is lower than {@link #token()} or whose sequence is not higher
 * than {@link #sequence()}.
 *
 * @param sequence the highest committed sequence, {@code 0} when nothing was committed
 * @param token the highest fencing token committed or announced with {@link CheckpointStore#fence}
 */
public record CheckpointHead(long sequence, long token) {

    /** The head of a checkpoint that was never written. */
    public static final CheckpointHead EMPTY = new CheckpointHead(0, 0);
}
