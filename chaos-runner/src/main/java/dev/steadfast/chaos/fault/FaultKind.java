package dev.steadfast.chaos.fault;

import java.util.List;

/** The faults a run injects. Crashes are SIGKILL; chaos-monkey's own "kill app" is a clean exit and not used. */
public enum FaultKind {
    /** SIGKILL of the current payment-service leader, restarted after a short while. */
    KILL_PAYMENT_LEADER,
    /** SIGSTOP of the payment-service leader for longer than its session timeout, then SIGCONT: a zombie leader. */
    PAUSE_PAYMENT_LEADER,
    /** SIGKILL of one order-service instance, restarted after a short while. */
    KILL_ORDER_INSTANCE,
    /** ZooKeeper down and back: the single server restarted, or in an ensemble one server, then two, then healed. */
    RESTART_ZOOKEEPER,
    /** SIGTERM of the payment-service leader (a deployment), then started again. */
    GRACEFUL_RESTART_PAYMENT_LEADER,
    /** SIGTERM of one order-service instance, then started again. */
    GRACEFUL_RESTART_ORDER_INSTANCE,
    /** Chaos-monkey latency assault on every payment-service instance for a while. */
    LATENCY_ASSAULT,
    /** Chaos-monkey exception assault on every payment-service instance for a while. */
    EXCEPTION_ASSAULT,
    /** The payment-service leader cut off from every peer and client (network partition), then reconnected. */
    ISOLATE_PAYMENT_LEADER,
    /** The payment-service leader cut off from ZooKeeper only, longer than its session; clients still reach it. */
    PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER,
    /** The payment-service leader cut off from the database only; clients and ZooKeeper still reach it. */
    PARTITION_PAYMENT_LEADER_FROM_DATABASE;

    /** Crashes and lost coordination: scheduled first, so that even a short run exercises them. */
    static final List<FaultKind> SEVERE =
            List.of(KILL_PAYMENT_LEADER, PAUSE_PAYMENT_LEADER, KILL_ORDER_INSTANCE, RESTART_ZOOKEEPER);

    static final List<FaultKind> MILD = List.of(
            GRACEFUL_RESTART_PAYMENT_LEADER, GRACEFUL_RESTART_ORDER_INSTANCE, LATENCY_ASSAULT, EXCEPTION_ASSAULT);

    /** Real network partitions: scheduled with the severe faults where the topology can make them. */
    static final List<FaultKind> NETWORK = List.of(
            ISOLATE_PAYMENT_LEADER, PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER, PARTITION_PAYMENT_LEADER_FROM_DATABASE);

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
