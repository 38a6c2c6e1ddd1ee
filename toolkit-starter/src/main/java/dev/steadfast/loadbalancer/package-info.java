/**
 * Instance-aware load balancing for {@code @LoadBalanced} clients: passive outlier ejection, retries that prefer an
 * instance the logical call has not tried, and a discovery view that never waits for the registry. This package is
 * the public API (ejection state and events); Spring Cloud LoadBalancer hooks live in
 * {@code dev.steadfast.loadbalancer.internal} and are built only by {@code dev.steadfast.loadbalancer.autoconfigure}.
 */
package dev.steadfast.loadbalancer;
