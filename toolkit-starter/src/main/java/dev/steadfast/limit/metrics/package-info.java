/** Micrometer meters of the adaptive concurrency limits, bound when Micrometer is on the classpath. */
package dev.steadfast.limit.metrics;
