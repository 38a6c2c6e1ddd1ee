/**
 * Watches the services during a run: who leads each service, by polling every instance's {@code /actuator/leader},
 * and the outbox backlog, breaker states and fence refusals, by scraping every instance's
 * {@code /actuator/prometheus}; and the failovers measured.
 */
package dev.steadfast.chaos.observe;
