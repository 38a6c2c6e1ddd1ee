package dev.steadfast.loadbalancer.internal;

import java.time.Duration;

/**
 * What ejects an instance and for how long.
 *
 * @param consecutiveFailures failures in a row that eject an instance
 * @param failureRateThreshold failure rate in percent over the window that ejects an instance
 * @param minimumCalls calls in the window before the failure rate counts
 * @param window length of the sliding window of the failure rate
 * @param baseEjectionTime the first ejection's length; the n-th ejection in a row lasts n times this
 * @param maxEjectionTime the longest ejection
 * @param maxEjectedPercent the largest share of a service's instances ejected at once, in percent
 */
public record OutlierSettings(
        int consecutiveFailures,
        float failureRateThreshold,
        int minimumCalls,
        Duration window,
        Duration baseEjectionTime,
        Duration maxEjectionTime,
        int maxEjectedPercent) {

    Duration ejectionTime(int ejections) {
        Duration time = baseEjectionTime.multipliedBy(ejections);
        return time.compareTo(maxEjectionTime) > 0 ? maxEjectionTime : time;
    }
}
