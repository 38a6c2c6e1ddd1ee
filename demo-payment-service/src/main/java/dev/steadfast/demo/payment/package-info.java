/** The payment service: authorizes payments idempotently and settles them in fenced batches on the leader. */
package dev.steadfast.demo.payment;
