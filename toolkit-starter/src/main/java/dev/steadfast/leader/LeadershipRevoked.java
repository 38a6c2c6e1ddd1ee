package dev.steadfast.leader;

/**
 * This instance stopped leading an election. Delivered after the {@link LeadershipGranted} of the same term.
 *
 * @param election the name of the election
 * @param token the token of the term that ended
 * @param reason why it ended
 */
public record LeadershipRevoked(String election, FencingToken token, RevocationReason reason)
        implements LeadershipEvent {}
