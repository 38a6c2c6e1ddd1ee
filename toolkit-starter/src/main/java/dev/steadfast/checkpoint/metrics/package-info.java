/** Micrometer metrics for checkpointed state. */
package dev.steadfast.checkpoint.metrics;
