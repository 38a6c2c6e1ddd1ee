package dev.steadfast.loadbalancer;

import java.time.Duration;

/**
 * An instance was ejected: it receives no traffic for {@code duration}.
 *
 * @param serviceId the service
 * @param instance the instance, as {@code host:port}
 * @param reason why
 * @param ejections how often it has been ejected in a row, this one included
 * @param duration how long the ejection lasts
 */
public record InstanceEjected(
        String serviceId, String instance, EjectionReason reason, int ejections, Duration duration)
        implements InstanceEvent {}
