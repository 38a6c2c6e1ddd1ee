package dev.steadfast.chaos.fault;

import java.util.Arrays;
import java.util.Optional;

/**
 * The demo services' test-only failpoints that {@code ./demo --failpoint NAME} turns on, each with the service
 * that has it and the invariant that must catch it. Each removes one protection, so a run with it on must FAIL.
 */
public enum Failpoint {
    /**
     * The payment leader no longer raises the database fence. Alone it is not caught: a deposed leader's run still
     * meets the lease check of {@code assertLeader} after it reads the batches, and a run frozen after that check
     * collides with its successor's batch number (the primary key). With {@link #SKIP_ASSERT_LEADER} as well, a
     * leader frozen inside a settlement run writes after its successor with an older token.
     */
    SKIP_DATABASE_FENCE("payment-service", 4, FaultKind.PAUSE_PAYMENT_LEADER_IN_SETTLEMENT),
    /**
     * The payment leader no longer asks the election whether its term still holds before writing. The fence still
     * refuses a write after the successor's, so what it lets through is a write after ZooKeeper ended the term.
     */
    SKIP_ASSERT_LEADER("payment-service", 6, FaultKind.PAUSE_PAYMENT_LEADER_IN_SETTLEMENT),
    /**
     * The payment service's election keeps answering as leader after its lease has lapsed (the starter's test-only
     * hook). A leader frozen inside a settlement run wakes up after ZooKeeper ended its term and passes
     * {@code assertLeader}; the fence refuses it only once its successor has written, so what gets through is a
     * write after the term ended.
     */
    ACT_ON_LAPSED_LEASE("payment-service", 6, FaultKind.PAUSE_PAYMENT_LEADER_IN_SETTLEMENT),
    /** Settlement no longer reads "already settled" in its transaction. */
    SETTLE_WITHOUT_CHECK("payment-service", 3, FaultKind.KILL_ORDER_INSTANCE),
    /** The order service acknowledges an order before the order and its outbox row commit. */
    ACK_BEFORE_COMMIT("order-service", 1, FaultKind.KILL_ORDER_INSTANCE),
    /**
     * The order service answers every tenth order it created as shed (503, Retry-After, problem details): a shedder
     * that refuses after the work instead of before it. Needs no fault; the overload phase adds real shed answers.
     */
    SHED_AFTER_COMMIT("order-service", 7, FaultKind.OVERLOAD);

    private final String service;
    private final int invariant;
    private final FaultKind exposedBy;

    Failpoint(String service, int invariant, FaultKind exposedBy) {
        this.service = service;
        this.invariant = invariant;
        this.exposedBy = exposedBy;
    }

    /** The fault a run with this failpoint draws unless {@code --fault-kinds} says otherwise. */
    public FaultKind exposedBy() {
        return exposedBy;
    }

    /** The service that has the failpoint. */
    public String service() {
        return service;
    }

    /** The number of the invariant that a run with the failpoint on must fail. */
    public int invariant() {
        return invariant;
    }

    /** The environment variable that turns the failpoint on ({@code payment.failpoints.enabled} and so on). */
    public String environmentVariable() {
        return service.substring(0, service.indexOf('-')).toUpperCase() + "_FAILPOINTS_ENABLED";
    }

    /** The name in properties and on the command line, e.g. {@code settle-without-check}. */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Optional<Failpoint> of(String label) {
        return Arrays.stream(values())
                .filter(failpoint -> failpoint.label().equals(label))
                .findFirst();
    }
}
