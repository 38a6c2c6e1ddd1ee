/**
 * Implementation of adaptive concurrency limits over Netflix's {@code concurrency-limits}: the limiter with its
 * outcome classification and counts, the bulkhead instances' limiters, and the inbound servlet and WebFlux filters
 * with their exclusions, priorities and problem responses. Built only by {@code dev.steadfast.limit.autoconfigure}.
 */
package dev.steadfast.limit.internal;
