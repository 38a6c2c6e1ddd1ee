package dev.steadfast.checkpoint.internal;

import java.time.Duration;

/**
 * What a leader does when a restore fails: how often it tries in one term, and how long it stays out of the
 * election after it yielded. The sit-out doubles with every term in a row that ended so, up to a cap, so that
 * instances that all cannot restore hand leadership around ever more slowly instead of flapping.
 *
 * @param maxAttempts restore attempts in one term before the leader yields, at least 1
 * @param retryInterval the wait between two attempts in one term
 * @param backoff the sit-out after the first such yield
 * @param maxBackoff the longest sit-out
 */
public record RestorePolicy(int maxAttempts, Duration retryInterval, Duration backoff, Duration maxBackoff) {

    /** The defaults of {@code steadfast.checkpoint.restore.*}. */
    public static final RestorePolicy DEFAULT =
            new RestorePolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(2));

    /** The sit-out after the {@code yieldsInARow}-th term in a row (from 1) that ended in a yield. */
    Duration sitOut(int yieldsInARow) {
        Duration sitOut = backoff;
        for (int i = 1; i < yieldsInARow && sitOut.compareTo(maxBackoff) < 0; i++) {
            sitOut = sitOut.multipliedBy(2);
        }
        return sitOut.compareTo(maxBackoff) > 0 ? maxBackoff : sitOut;
    }
}
