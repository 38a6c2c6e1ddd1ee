package dev.steadfast.demo.order.failpoint;

/** The order service's failpoints, named in properties as {@code ack-before-commit}. */
public enum Failpoint {

    /**
     * Acknowledge an order (202, payment pending) before the order and its outbox row commit: they are written a
     * moment later, so an instance that crashes in between loses orders its clients were told were accepted.
     */
    ACK_BEFORE_COMMIT,

    /**
     * Answer every tenth order this instance created as shed under overload ({@code 503}, {@code Retry-After},
     * problem details) although it was created and goes on to be paid: a load shedder that refuses after the work
     * instead of before it, so clients are told to try later for orders that were in fact placed.
     */
    SHED_AFTER_COMMIT
}
