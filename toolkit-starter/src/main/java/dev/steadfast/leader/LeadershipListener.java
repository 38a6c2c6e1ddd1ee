package dev.steadfast.leader;

/**
 * Callbacks for changes of this instance's role in one election.
 *
 * <p>Threading: both methods are called on the election's single event thread, in the order the changes
 * happened, never concurrently; a slow listener delays the events after it. {@code revoked} always follows the
 * {@code granted} of the same term. Races: {@link LeaderElection#isLeader()} may already be false while
 * {@code granted} runs, because the term can end before its events are delivered; expect {@code revoked} to
 * follow. Do not block in a listener on work that needs leadership to be re-checked.
 */
public interface LeadershipListener {

    /** This instance became leader. */
    default void granted(LeadershipGranted event) {}

    /** This instance stopped leading. */
    default void revoked(LeadershipRevoked event) {}
}
