package dev.steadfast.demo.payment.settlement;

/** The database has seen a later leadership term than the one trying to write a batch. */
class FencedOutException extends RuntimeException {

    FencedOutException(long token) {
        super("Settlement fenced out: the database has seen a fencing token above " + token);
    }
}
