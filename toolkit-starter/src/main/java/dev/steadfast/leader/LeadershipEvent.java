package dev.steadfast.leader;

/**
 * A change of this instance's role in one election. Published as a Spring application event and passed to
 * {@link LeadershipListener}s.
 */
public sealed interface LeadershipEvent permits LeadershipGranted, LeadershipRevoked {

    /** The name of the election. */
    String election();

    /** The token of the term that begins or ends. */
    FencingToken token();
}
