package dev.steadfast.checkpoint;

import java.time.Duration;
import java.util.Optional;

/**
 * What this instance knows about one checkpoint, without reading the store.
 *
 * @param name the checkpoint's name
 * @param store the store's type
 * @param election the election whose leader writes it, or empty without leader election
 * @param interval how often it is saved
 * @param writer whether this instance currently restored it and writes it
 * @param last the newest checkpoint this instance saved or restored, if any
 * @param failures how many saves or restores failed
 * @param quarantined how many stored checkpoints failed verification
 * @param lastError the message of the latest failure, if any
 * @param fencedOut why this instance's current term cannot write at all, if so: its fencing token is lower than
 *     the fence the store holds (the term is already over, or ZooKeeper lost its data and restarted its zxids low)
 * @param restoreBlocked why this instance cannot restore the checkpoint, if its latest attempt failed: which stored
 *     checkpoint, which schema versions, what is missing; cleared when a restore (or, on a follower, a trial read
 *     of the newest checkpoint) succeeds
 */
public record CheckpointStatus(
        String name,
        String store,
        Optional<String> election,
        Duration interval,
        boolean writer,
        Optional<CheckpointMetadata> last,
        long failures,
        long quarantined,
        Optional<String> lastError,
        Optional<String> fencedOut,
        Optional<String> restoreBlocked) {}
