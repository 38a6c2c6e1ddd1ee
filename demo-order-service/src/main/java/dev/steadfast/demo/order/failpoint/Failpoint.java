package dev.steadfast.demo.order.failpoint;

/** The order service's failpoints, named in properties as {@code ack-before-commit}. */
public enum Failpoint {

    /**
     * Acknowledge an order (202, payment pending) before the order and its outbox row commit: they are written a
     * moment later, so an instance that crashes in between loses orders its clients were told were accepted.
     */
    ACK_BEFORE_COMMIT
}
