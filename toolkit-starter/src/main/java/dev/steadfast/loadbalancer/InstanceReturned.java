package dev.steadfast.loadbalancer;

/**
 * An ejected instance's time is over: it receives traffic again, on probation.
 *
 * @param serviceId the service
 * @param instance the instance, as {@code host:port}
 */
public record InstanceReturned(String serviceId, String instance) implements InstanceEvent {}
