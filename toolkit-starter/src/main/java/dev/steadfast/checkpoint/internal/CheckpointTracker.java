package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointMetadata;
import dev.steadfast.checkpoint.CheckpointStatus;
import java.util.Optional;

/**
 * The manager's state for one checkpoint: whether and in which term this instance writes it, the last sequence
 * and the counters it reports. Its fields are guarded by its own monitor, held only briefly; saving and restoring
 * are serialised by the separate {@link #operationLock()}, so that status queries never wait for the store.
 */
final class CheckpointTracker {

    private final Object operationLock = new Object();

    private final CheckpointRegistration registration;

    private final String election;

    private final String store;

    private Long writerToken;

    /** The token of the latest term this instance restored for; writer tokens never go below it. */
    private long highestToken;

    private long lastSequence;

    private CheckpointMetadata last;

    private long failures;

    private long quarantined;

    private String lastError;

    private String fencedOut;

    private String restoreBlocked;

    /** The term whose failed restore attempts {@link #restoreAttempts} counts. */
    private long attemptsToken = -1;

    private int restoreAttempts;

    /** The term in which this instance last yielded for want of a restore, so that it yields once per term. */
    private long yieldedToken = -1;

    /** Terms in a row that ended in such a yield; the back-off doubles with each. */
    private int yieldsInARow;

    CheckpointTracker(CheckpointRegistration registration, String election, String store) {
        this.registration = registration;
        this.election = election;
        this.store = store;
    }

    /** Held by the manager for a whole save or restore. */
    Object operationLock() {
        return operationLock;
    }

    CheckpointRegistration registration() {
        return registration;
    }

    String name() {
        return registration.name();
    }

    /** The election that owns the checkpoint, or {@code null} without leader election. */
    String election() {
        return election;
    }

    synchronized boolean isWriter(long token) {
        return writerToken != null && writerToken == token;
    }

    synchronized long lastSequence() {
        return lastSequence;
    }

    /** Whether this instance already restored for a later term than {@code token}: a restore for it is stale. */
    synchronized boolean hasNewerTermThan(long token) {
        return highestToken > token;
    }

    /** Records that the current term's token is below the stored fence; whether this is news (to log it once). */
    synchronized boolean fencedOut(String message) {
        boolean news = !message.equals(fencedOut);
        fencedOut = message;
        return news;
    }

    /** The term that was fenced out is over, or a term could restore: the condition no longer holds. */
    synchronized void clearFencedOut() {
        fencedOut = null;
    }

    /** Records a failed restore attempt in the term of {@code token}; returns the attempts in that term so far. */
    synchronized int restoreFailed(long token, String reason) {
        if (token != attemptsToken) {
            attemptsToken = token;
            restoreAttempts = 0;
        }
        restoreAttempts++;
        restoreBlocked = reason;
        return restoreAttempts;
    }

    /** Records a yield for want of a restore in the term; returns how many terms in a row ended so, or 0 if known. */
    synchronized int yieldedFor(long token) {
        if (yieldedToken == token) {
            return 0;
        }
        yieldedToken = token;
        return ++yieldsInARow;
    }

    synchronized boolean isRestoreBlocked() {
        return restoreBlocked != null;
    }

    /** The newest checkpoint turned out readable by this instance after all (a follower's trial read). */
    synchronized void restoreUnblocked() {
        restoreBlocked = null;
        yieldsInARow = 0;
    }

    synchronized void restored(long token, long headSequence, Optional<CheckpointMetadata> from) {
        fencedOut = null;
        restoreBlocked = null;
        yieldsInARow = 0;
        if (token < highestToken) {
            // A restore for an older term that lost a race with a newer one must not demote the newer writer.
            return;
        }
        highestToken = token;
        writerToken = token;
        lastSequence = headSequence;
        last = from.orElse(null);
    }

    synchronized void saved(CheckpointMetadata metadata) {
        lastSequence = metadata.sequence();
        last = metadata;
    }

    synchronized void stopWriting() {
        writerToken = null;
    }

    synchronized void failed(String message) {
        failures++;
        lastError = message;
    }

    synchronized void quarantined(String message) {
        quarantined++;
        lastError = message;
    }

    synchronized CheckpointStatus status(boolean writer) {
        return new CheckpointStatus(
                registration.name(),
                store,
                Optional.ofNullable(election),
                registration.interval(),
                writer,
                Optional.ofNullable(last),
                failures,
                quarantined,
                Optional.ofNullable(lastError),
                Optional.ofNullable(fencedOut),
                Optional.ofNullable(restoreBlocked));
    }
}
