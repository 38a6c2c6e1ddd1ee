/**
 * Settlement, the payment service's singleton work: the leader collects authorized payments into numbered
 * batches. The batch write is fenced twice (by the leader election and by a row in the database) and decides what
 * is still unsettled from the database in the same transaction, so a failover neither skips nor repeats a
 * payment.
 */
package dev.steadfast.demo.payment.settlement;
