/**
 * The client of the payment service: discovery and load balancing, circuit breaker, retry, bulkhead and a read
 * timeout as time limit, all under the Resilience4j instance name {@code payment}.
 */
package dev.steadfast.demo.order.payment;
