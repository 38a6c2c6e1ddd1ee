/**
 * Auto-configuration of adaptive concurrency limits: the adaptive bulkheads the fast path consults, the inbound
 * load-shedding filter (servlet or WebFlux), their meters, and the start-up checks of their properties.
 */
package dev.steadfast.limit.autoconfigure;
