package dev.steadfast.loadbalancer;

/**
 * An instance met the ejection criteria but stayed in, because ejecting it would exceed the maximum share of ejected
 * instances: a service-wide outage must still reach the caller's circuit breaker.
 *
 * @param serviceId the service
 * @param instance the instance, as {@code host:port}
 * @param reason what would have ejected it
 */
public record EjectionSkipped(String serviceId, String instance, EjectionReason reason) implements InstanceEvent {}
