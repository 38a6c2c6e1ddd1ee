package dev.steadfast.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage for checkpoint envelopes: the service-provider interface that the zookeeper, filesystem and
 * jdbc stores implement. A store treats envelopes as opaque bytes; the {@link CheckpointManager} encodes them and
 * verifies their checksums.
 *
 * <p>Fencing is the store's job: {@link #commit} must refuse, atomically with the write, a token lower than the
 * highest one it has seen for the name, so that an ex-leader paused or partitioned past the end of its term can
 * never overwrite its successor's checkpoints. Implementations are thread-safe and may be shared by several
 * instances of the application at once.
 */
public interface CheckpointStore {

    /** The store's kind as shown by the actuator, such as {@code zookeeper}. */
    String type();

    /** The committed watermark of the named checkpoint; {@link CheckpointHead#EMPTY} if it was never written. */
    CheckpointHead head(String name);

    /**
     * Stores a new checkpoint and makes it the newest, keeping only the configured number of older ones.
     *
     * @throws CheckpointFencedException if {@code token} is lower than the head's token, or {@code sequence} is not
     *     higher than the head's sequence; nothing is written then
     * @throws CheckpointTooLargeException if the store cannot hold an envelope of this size
     */
    void commit(String name, long sequence, long token, byte[] envelope);

    /**
     * Raises the head's token to {@code token} without writing a checkpoint, so that writers of earlier terms are
     * refused from now on. Does nothing if the head's token is already as high.
     */
    void fence(String name, long token);

    /** The sequences of the retained checkpoints that are not quarantined, newest first. */
    List<Long> sequences(String name);

    /** The envelope of one retained checkpoint, or empty if it is gone. */
    Optional<byte[]> read(String name, long sequence);

    /**
     * Moves a checkpoint that failed verification out of the way so that it is never restored again; its bytes are
     * kept for inspection where the store can.
     */
    void quarantine(String name, long sequence);
}
