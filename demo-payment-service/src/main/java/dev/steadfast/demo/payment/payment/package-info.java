/** Payment authorization: idempotent by order id, declined over a configured limit. */
package dev.steadfast.demo.payment.payment;
