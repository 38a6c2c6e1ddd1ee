package dev.steadfast.checkpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Saves and restores the state of the application's {@link CheckpointedState} beans.
 *
 * <p>With leader election, a checkpoint belongs to the leader of its election: the state is restored
 * synchronously when this instance is granted leadership, saved periodically while it leads with the term's
 * fencing token, and saved a last time on graceful revocation or shutdown. Without leader election it is restored
 * at start-up, saved periodically and at shutdown. Methods are thread-safe.
 */
public interface CheckpointManager {

    /** The names of all registered checkpoints. */
    Set<String> names();

    /**
     * Saves the named checkpoint now.
     *
     * @throws IllegalArgumentException if no checkpoint has that name
     * @throws dev.steadfast.leader.NotLeaderException if this instance does not write the checkpoint now
     * @throws CheckpointFencedException if a later leadership term refused the write
     */
    CheckpointMetadata save(String name);

    /**
     * The newest valid checkpoint in the store, read and verified now. Corrupt ones (failed verification) are
     * skipped, and quarantined only when this instance writes the checkpoint now; ones this instance cannot read are
     * skipped and never quarantined.
     */
    Optional<CheckpointMetadata> latest(String name);

    /** The newest valid checkpoint's state, read and verified now, upgraded to the current schema version. */
    <S> Optional<S> readLatest(String name, Class<S> type);

    /** The retained checkpoints in the store, newest first; unreadable ones are skipped. */
    List<CheckpointMetadata> list(String name);

    /** What this instance knows about the checkpoint, without reading the store. */
    CheckpointStatus status(String name);

    /**
     * Whether every checkpoint owned by {@code election} was restored for this instance's current term, so that
     * leader-only work may run. Always true for elections that own no checkpoint.
     */
    boolean isRestored(String election);

    /** Waits up to {@code timeout} until {@link #isRestored(String)} is true; returns whether it is. */
    boolean awaitRestored(String election, Duration timeout) throws InterruptedException;

    /** Registers a listener. */
    void addListener(CheckpointListener listener);

    /** Removes a listener. */
    void removeListener(CheckpointListener listener);
}
