/** The leader's reconciler, which drives the transactional outbox until every order is PAID or CANCELLED. */
package dev.steadfast.demo.order.outbox;
