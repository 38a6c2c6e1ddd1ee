package dev.steadfast.chaos.fault;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The faults a run injects. Crashes are SIGKILL; chaos-monkey's own "kill app" is a clean exit and not used. */
public enum FaultKind {
    /** SIGKILL of the current payment-service leader, restarted after a short while. */
    KILL_PAYMENT_LEADER,
    /** SIGSTOP of the payment-service leader for longer than its session timeout, then SIGCONT: a zombie leader. */
    PAUSE_PAYMENT_LEADER,
    /** SIGKILL of one order-service instance, restarted after a short while. */
    KILL_ORDER_INSTANCE,
    /**
     * ZooKeeper down and back, shorter or longer than the session timeout: the single server restarted, or in an
     * ensemble the ensemble's leader, then a second server (quorum lost), then healed.
     */
    RESTART_ZOOKEEPER,
    /** SIGTERM of the payment-service leader (a deployment), then started again. */
    GRACEFUL_RESTART_PAYMENT_LEADER,
    /** SIGTERM of one order-service instance, then started again. */
    GRACEFUL_RESTART_ORDER_INSTANCE,
    /** Chaos-monkey latency assault on every payment-service instance for a while. */
    LATENCY_ASSAULT,
    /** Chaos-monkey exception assault on every payment-service instance for a while. */
    EXCEPTION_ASSAULT,
    /**
     * The payment-service leader's container cut off from every peer and client (network partition), then
     * reconnected. Compose topology only.
     */
    ISOLATE_PAYMENT_LEADER,
    /**
     * The payment-service leader's container cut off from ZooKeeper only, longer than its session; clients still
     * reach it. Compose topology only.
     */
    PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER,
    /**
     * The payment-service leader's container cut off from the database only; clients and ZooKeeper still reach it.
     * Compose topology only.
     */
    PARTITION_PAYMENT_LEADER_FROM_DATABASE,
    /**
     * The payment leader's links to ZooKeeper black-holed for longer than the session timeout while its clients and
     * the database still reach it: the classic way to two leaders.
     */
    ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER,
    /** The payment leader's database connections reset, and new ones refused, for a while. */
    ISOLATE_PAYMENT_LEADER_FROM_DATABASE,
    /** The payment leader's database link slowed by 200 ms per chunk for a while. */
    SLOW_DATABASE_LINK,
    /** One order instance hears no answers from ZooKeeper (its requests still arrive) for a while. */
    CUT_ORDER_INSTANCE_FROM_ZOOKEEPER_ANSWERS,
    /**
     * SIGSTOP of the payment leader for less than the session timeout: below its 4 s lease, or between the lease and
     * the 6 s session, where it stops acting but ZooKeeper may keep its term. No failover is owed.
     */
    BRIEF_PAUSE_PAYMENT_LEADER,
    /** SIGSTOP of a ZooKeeper server (with an ensemble, the ensemble's leader), then SIGCONT. */
    PAUSE_ZOOKEEPER,
    /**
     * SIGSTOP of the payment leader inside a settlement run, after it passed its leadership check and took its term's
     * token, before its transaction: longer than the session, so that it wakes up deposed with a token in hand.
     * Aimed through the payment service's test-only settlement delay, which announces the window in the log, so only
     * runs that name it draw it (a failpoint run of the fence or the leadership check does).
     */
    PAUSE_PAYMENT_LEADER_IN_SETTLEMENT,
    /**
     * {@code kill -9} of the database server the run owns (H2, its own PostgreSQL, or the compose project's PostgreSQL
     * container), restarted 2-5 s later on the same data: every connection breaks and requests in flight fail; what
     * was acknowledged must survive. Refused for a PostgreSQL server given by {@code --pg-url}.
     */
    RESTART_DATABASE,
    /**
     * A burst of orders at several times {@code --rate} for a while, open loop, in a phase of its own after the drawn
     * faults have healed: the services shed what they cannot serve ({@code 429}/{@code 503} at once) instead of
     * queueing it into timeouts. Never drawn, so that it leaves every seed's schedule as it was.
     */
    OVERLOAD;

    /**
     * Faults aimed through a test-only hook of the services: never drawn unless named, since the hook slows every
     * settlement run.
     */
    public static final List<FaultKind> AIMED = List.of(PAUSE_PAYMENT_LEADER_IN_SETTLEMENT);

    /**
     * Mild faults drawn only when named ({@code --fault-kinds}). The services recover from a database restart (their
     * pools evict connections on H2's own connection-lost codes, and on PostgreSQL's {@code 08...} states), but adding a kind to the seeded ones reshuffles
     * every seed's schedule, among them seed 42 of {@code ChaosRunIT} and the seeds of the README's sweep.
     */
    public static final List<FaultKind> NAMED_ONLY = List.of(RESTART_DATABASE);

    /**
     * Kinds that are not drawn but run as a phase of their own after the drawn faults, at a fixed place: adding one
     * changes no seed's schedule (the draws see only {@link #SEVERE} and {@link #MILD}).
     */
    public static final List<FaultKind> PHASES = List.of(OVERLOAD);

    /** The kinds a run draws (or, for {@link #PHASES}, runs) unless {@code --fault-kinds} or a failpoint says otherwise. */
    public static Set<FaultKind> defaults() {
        Set<FaultKind> kinds = EnumSet.allOf(FaultKind.class);
        AIMED.forEach(kinds::remove);
        NAMED_ONLY.forEach(kinds::remove);
        return kinds;
    }

    /** Crashes and lost coordination: scheduled first, so that even a short run exercises them. */
    static final List<FaultKind> SEVERE = List.of(
            KILL_PAYMENT_LEADER,
            PAUSE_PAYMENT_LEADER,
            KILL_ORDER_INSTANCE,
            RESTART_ZOOKEEPER,
            ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER);

    static final List<FaultKind> MILD = List.of(
            GRACEFUL_RESTART_PAYMENT_LEADER,
            GRACEFUL_RESTART_ORDER_INSTANCE,
            LATENCY_ASSAULT,
            EXCEPTION_ASSAULT,
            ISOLATE_PAYMENT_LEADER_FROM_DATABASE,
            SLOW_DATABASE_LINK,
            CUT_ORDER_INSTANCE_FROM_ZOOKEEPER_ANSWERS,
            BRIEF_PAUSE_PAYMENT_LEADER,
            PAUSE_ZOOKEEPER);

    /** Whether the fault silences or removes the payment leader, so that another term must begin. */
    public boolean hitsLeader() {
        return this == KILL_PAYMENT_LEADER
                || this == PAUSE_PAYMENT_LEADER
                || this == PAUSE_PAYMENT_LEADER_IN_SETTLEMENT
                || this == GRACEFUL_RESTART_PAYMENT_LEADER
                || this == ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER
                || this == ISOLATE_PAYMENT_LEADER
                || this == PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER;
    }

    /** Whether the fault takes ZooKeeper away from every instance. */
    public boolean hitsZooKeeper() {
        return this == RESTART_ZOOKEEPER || this == PAUSE_ZOOKEEPER;
    }

    /**
     * Real network partitions between containers: scheduled with the severe faults where the topology can make them
     * (compose), never where it cannot (local processes).
     */
    static final List<FaultKind> NETWORK = List.of(
            ISOLATE_PAYMENT_LEADER, PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER, PARTITION_PAYMENT_LEADER_FROM_DATABASE);

    /**
     * Faults on one instance's links through the runner's own TCP proxies: only the local topology routes its
     * instances through them, so a compose run never draws these (its containers have {@link #NETWORK} instead).
     */
    static final List<FaultKind> LINKS = List.of(
            ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER,
            ISOLATE_PAYMENT_LEADER_FROM_DATABASE,
            SLOW_DATABASE_LINK,
            CUT_ORDER_INSTANCE_FROM_ZOOKEEPER_ANSWERS);

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
