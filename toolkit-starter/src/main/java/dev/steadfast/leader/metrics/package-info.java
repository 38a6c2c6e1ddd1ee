/** Micrometer meters of leader election. */
package dev.steadfast.leader.metrics;
