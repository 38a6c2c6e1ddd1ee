/** Micrometer meters of hedged requests, bound when a meter registry is present. */
package dev.steadfast.resilience.metrics;
