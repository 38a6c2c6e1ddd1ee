package dev.steadfast.leader;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One named election in which this instance takes part. At most one participant acts as leader at a time; each
 * leadership term carries a {@link FencingToken}.
 *
 * <p>{@link #isLeader()} is conservative: it turns false as soon as the connection to the coordination service
 * is suspended, or when this instance has not heard from it within its lease, even before any event is
 * delivered. Code that writes on behalf of the leader should capture the token when it starts and guard the
 * write with {@link #assertLeader(FencingToken)}, and pass the token to the store so that the store can refuse
 * it too.
 */
public interface LeaderElection {

    /** The name of this election, such as {@code payment-service} or {@code settlement}. */
    String name();

    /** The id under which this instance takes part, unique among the participants. */
    String participantId();

    /** Whether this instance leads now and may act as leader. */
    boolean isLeader();

    /** The token of this instance's current term, or empty when it does not lead. */
    Optional<FencingToken> currentToken();

    /** The participant id of the current leader as the coordination service sees it, or empty if none. */
    Optional<String> leaderId();

    /** The ids of all participants, the leader first. */
    List<String> participants();

    /**
     * Checks that this instance still leads in the term of {@code token}.
     *
     * @throws NotLeaderException if this instance does not lead now, or leads in another term than the token's
     */
    void assertLeader(FencingToken token);

    /**
     * Gives up leadership if this instance holds it, and rejoins the election as a follower. Another participant,
     * if any, takes over with a larger token.
     */
    void yieldLeadership();

    /**
     * Gives up leadership if this instance holds it, like {@link #yieldLeadership()}, but leaves the election for
     * {@code sitOut} before joining it again: meanwhile this instance cannot be elected, even when no other
     * participant exists. For an instance that knows it cannot do the leader's work now (it cannot restore the
     * leader's state), so that it neither keeps the others from leading nor wins again at once.
     */
    void yieldLeadership(Duration sitOut);

    /**
     * Registers a listener. Listeners are called in registration order on the election's single event thread;
     * see {@link LeadershipListener} for the guarantees.
     */
    void addListener(LeadershipListener listener);

    /** Removes a listener registered with {@link #addListener(LeadershipListener)}. */
    void removeListener(LeadershipListener listener);
}
