package dev.steadfast.chaos.truth;

/**
 * One term of one election as ZooKeeper recorded it: from the write that gave the term its fencing token until the
 * latch node was deleted or the session that owned it ended.
 *
 * @param election the election's name (the latch's parent node)
 * @param token the fencing token: the zxid of the term's write to its latch node
 * @param participant the participant id written to the latch node
 * @param node the latch node's path
 * @param beganMillis when ZooKeeper committed the term's write, in milliseconds since the run started
 * @param endedMillis when ZooKeeper deleted the node or ended its session, or -1 while the term was still open
 * @param endedBy what ended it ({@code deleted}, {@code session closed}, {@code next term on the node}), or {@code
 *     open}
 */
public record LeadershipTerm(
        String election,
        long token,
        String participant,
        String node,
        long beganMillis,
        long endedMillis,
        String endedBy) {

    /** Whether ZooKeeper still held the term when its logs were read. */
    public boolean open() {
        return endedMillis < 0;
    }

    /** Whether the term was held at {@code millis}. */
    public boolean heldAt(long millis) {
        return beganMillis <= millis && (open() || millis < endedMillis);
    }

    LeadershipTerm endedAt(long millis, String cause) {
        return new LeadershipTerm(election, token, participant, node, beganMillis, millis, cause);
    }
}
