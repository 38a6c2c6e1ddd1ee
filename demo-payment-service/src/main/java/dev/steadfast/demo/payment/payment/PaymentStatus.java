package dev.steadfast.demo.payment.payment;

/** The outcome of an authorization. */
public enum PaymentStatus {
    /** The amount was reserved; the payment will be settled. */
    AUTHORIZED,

    /** The payment was refused by a business rule; nothing was reserved. */
    DECLINED
}
