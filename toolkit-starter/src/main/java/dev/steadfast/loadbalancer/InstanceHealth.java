package dev.steadfast.loadbalancer;

import java.time.Duration;

/**
 * A snapshot of one instance as the outlier detector sees it.
 *
 * @param serviceId the service the instance belongs to
 * @param instance the instance, as {@code host:port}
 * @param state whether it receives traffic
 * @param consecutiveFailures failures in a row since its last success
 * @param failureRate failure rate in percent over the sliding window, or {@code -1} below the minimum number of calls
 * @param ejections how often it has been ejected without recovering in between; the next ejection lasts this many
 *     plus one base ejection times
 * @param remainingEjection how long it stays ejected, {@link Duration#ZERO} unless ejected
 */
public record InstanceHealth(
        String serviceId,
        String instance,
        EjectionState state,
        int consecutiveFailures,
        float failureRate,
        int ejections,
        Duration remainingEjection) {}
