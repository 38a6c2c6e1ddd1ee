package dev.steadfast.leader;

import java.util.Objects;

/**
 * The number of one leadership term of one election. Tokens of an election strictly increase with every new
 * term and survive restarts of every participant, because they are derived from ZooKeeper's own transaction ids.
 * A write guarded by a token is refused once a term with a larger token has begun.
 *
 * @param election the name of the election the term belongs to
 * @param value the term's number; larger means later
 */
public record FencingToken(String election, long value) implements Comparable<FencingToken> {

    public FencingToken {
        Objects.requireNonNull(election, "election");
        if (value < 0) {
            throw new IllegalArgumentException("A fencing token is never negative, got " + value);
        }
    }

    /** Whether this token belongs to a later term than {@code other} of the same election. */
    public boolean isNewerThan(FencingToken other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(FencingToken other) {
        if (!election.equals(other.election)) {
            throw new IllegalArgumentException(
                    "Tokens of different elections do not compare: " + election + " and " + other.election);
        }
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return election + "#" + value;
    }
}
