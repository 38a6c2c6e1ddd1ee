package dev.steadfast.checkpoint;

import java.time.Duration;
import java.util.Optional;

/**
 * Callbacks about checkpoints, for metrics and logs. Called synchronously on the thread that saved or restored
 * (the checkpoint scheduler, an election's event thread, or the caller of {@link CheckpointManager#save}); keep
 * them fast and do not call back into the manager for the same checkpoint.
 */
public interface CheckpointListener {

    /** A checkpoint was committed. */
    default void saved(CheckpointMetadata checkpoint, Duration took) {}

    /** The state was restored from {@code checkpoint}, or there was nothing to restore. */
    default void restored(String name, Optional<CheckpointMetadata> checkpoint, Duration took) {}

    /** A stored checkpoint failed verification and was quarantined; an older one is tried next. */
    default void quarantined(String name, long sequence, String reason) {}

    /** Saving or restoring failed; {@code fenced} is true when a later leadership term refused the write. */
    default void failed(String name, CheckpointException failure, boolean fenced) {}
}
