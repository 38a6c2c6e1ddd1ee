package dev.steadfast.demo.payment.failpoint;

/** The payment service's failpoints, named in properties as {@code skip-database-fence} and so on. */
public enum Failpoint {

    /** Settle without raising the database fence: a deposed leader's batch is no longer refused by the database. */
    SKIP_DATABASE_FENCE,

    /** Settle without asking the election whether the term still holds just before the write. */
    SKIP_ASSERT_LEADER,

    /**
     * Settle without reading "already settled" in the settlement transaction: every run settles the payments of
     * its look-back window again.
     */
    SETTLE_WITHOUT_CHECK,

    /**
     * Act on a lapsed lease: turns on the starter's test-only {@code steadfast.leader.test-only.act-on-lapsed-lease}
     * (see {@code ServiceEnvironment}), so that the election keeps answering as leader after its lease has lapsed and
     * a leader that wakes from a pause inside a settlement run passes {@code assertLeader}.
     */
    ACT_ON_LAPSED_LEASE
}
