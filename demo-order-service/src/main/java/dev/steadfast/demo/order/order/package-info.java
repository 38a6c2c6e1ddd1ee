/**
 * Orders and their payment saga: an order is stored with an outbox row before the payment service is called, and
 * the payment's outcome is recorded together with the removal of that row.
 */
package dev.steadfast.demo.order.order;
