package dev.steadfast.demo.order.order;

/** Where an order stands in its payment saga. */
public enum OrderStatus {
    /** Stored; the payment's outcome is not known yet. The order has a row in the outbox. */
    PAYMENT_PENDING,

    /** The payment was authorized. */
    PAID,

    /** The payment was declined or refused: the saga's compensation. */
    CANCELLED
}
