/**
 * The order service: stores orders, pays for them through the payment service, and keeps unpaid orders in a
 * transactional outbox that the leader's reconciler drives to completion.
 */
package dev.steadfast.demo.order;
