/**
 * Implementation of instance-aware load balancing over Spring Cloud LoadBalancer's hooks: a
 * {@code LoadBalancerLifecycle} feeds call outcomes to per-service outlier detectors, a delegating
 * {@code ServiceInstanceListSupplier} hides ejected (and, on a retry, already tried) instances, and a Curator
 * {@code ServiceCache} per service keeps the instance list off the request path. Built only by
 * {@code dev.steadfast.loadbalancer.autoconfigure}.
 */
package dev.steadfast.loadbalancer.internal;
