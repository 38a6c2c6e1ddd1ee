/** Actuator support of instance-aware load balancing: the {@code loadbalancer} endpoint and metrics. */
package dev.steadfast.loadbalancer.actuate;
