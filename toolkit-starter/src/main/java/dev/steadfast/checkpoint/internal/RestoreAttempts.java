package dev.steadfast.checkpoint.internal;

import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A leader's restore attempts in one term under the {@link RestorePolicy}: retries after a failure, then yields
 * leadership; and a follower's check whether a restore it could not do is possible again. Only used with leader
 * election, on the election's event thread and the manager's scheduler thread; it keeps no state of its own (the
 * counts live in the {@link CheckpointTracker}), and the restore itself, with its locking, stays with the {@link
 * DefaultCheckpointManager}.
 */
final class RestoreAttempts {

    // The manager's logger name, which operators already set levels for: these lines were always logged under it.
    private static final Log logger = LogFactory.getLog(DefaultCheckpointManager.class);

    private final DefaultCheckpointManager manager;

    private final CheckpointReader reader;

    private final LeaderElections elections;

    private final RestorePolicy restorePolicy;

    RestoreAttempts(
            DefaultCheckpointManager manager,
            CheckpointReader reader,
            LeaderElections elections,
            RestorePolicy restorePolicy) {
        this.manager = manager;
        this.reader = reader;
        this.elections = elections;
        this.restorePolicy = restorePolicy;
    }

    /**
     * One restore attempt for the term of {@code token}. A failure holds leader-only work back and reports the
     * checkpoints health DOWN with the reason; the attempt is repeated after the retry interval, and after the last
     * one this instance yields leadership and sits out, so that an instance that can restore leads instead. A term
     * fenced out by a stored fence is not retried this way: every instance's token is as low, yielding would not help.
     */
    void attempt(CheckpointTracker tracker, long token) {
        try {
            manager.restore(tracker, token);
        } catch (DefaultCheckpointManager.FencedOutException ex) {
            // Logged and reported by the check itself.
        } catch (RuntimeException ex) {
            int attempts = tracker.restoreFailed(token, ex.getMessage());
            int max = restorePolicy.maxAttempts();
            logger.error("Restoring checkpoint '" + tracker.name() + "' for token " + token + " failed (attempt "
                    + attempts + " of " + max + "): " + ex.getMessage());
            if (attempts < max) {
                scheduleRetry(tracker, token);
            } else {
                yieldForWantOfRestore(tracker, token);
            }
        }
    }

    private void scheduleRetry(CheckpointTracker tracker, long token) {
        try {
            manager.scheduler()
                    .schedule(
                            () -> {
                                if (leadsIn(tracker, token) && !tracker.isWriter(token)) {
                                    attempt(tracker, token);
                                }
                            },
                            restorePolicy.retryInterval().toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ex) {
            // Stopping: nothing to retry for.
        }
    }

    private void yieldForWantOfRestore(CheckpointTracker tracker, long token) {
        int yieldsInARow = tracker.yieldedFor(token);
        if (yieldsInARow == 0 || !leadsIn(tracker, token)) {
            return;
        }
        Duration sitOut = restorePolicy.sitOut(yieldsInARow);
        logger.error("Checkpoint '" + tracker.name() + "' cannot be restored by this instance; yielding leadership "
                + "of election '" + tracker.election() + "' so that an instance that can restore it leads, and "
                + "staying out of the election for " + sitOut + " (leader-only work stays skipped here)");
        elections.get(tracker.election()).yieldLeadership(sitOut);
    }

    private boolean leadsIn(CheckpointTracker tracker, long token) {
        LeaderElection election = elections.get(tracker.election());
        return election.isLeader()
                && election.currentToken()
                        .filter(current -> current.value() == token)
                        .isPresent();
    }

    /**
     * On a follower that could not restore: whether the newest checkpoint is readable here now (another version
     * wrote a readable one, the missing blob came back), read without restoring or quarantining anything.
     */
    void recheckBlocked(CheckpointTracker tracker) {
        try {
            reader.newestValid(tracker, false, true);
            tracker.restoreUnblocked();
            logger.info("Checkpoint '" + tracker.name() + "' is readable by this instance again");
        } catch (RuntimeException ex) {
            logger.debug("Checkpoint '" + tracker.name() + "' is still not restorable here: " + ex.getMessage());
        }
    }
}
