package dev.steadfast.chaos.fault;

import java.util.Arrays;
import java.util.Optional;

/**
 * The demo services' test-only failpoints that {@code ./demo --failpoint NAME} turns on, each with the service
 * that has it and the invariant that must catch it. Each removes one protection, so a run with it on must FAIL.
 */
public enum Failpoint {
    /** The payment leader no longer raises the database fence. */
    SKIP_DATABASE_FENCE("payment-service", 4),
    /** The payment leader no longer asks the election whether its term still holds before writing. */
    SKIP_ASSERT_LEADER("payment-service", 4),
    /** Settlement no longer reads "already settled" in its transaction. */
    SETTLE_WITHOUT_CHECK("payment-service", 3),
    /** The order service acknowledges an order before the order and its outbox row commit. */
    ACK_BEFORE_COMMIT("order-service", 1);

    private final String service;
    private final int invariant;

    Failpoint(String service, int invariant) {
        this.service = service;
        this.invariant = invariant;
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
