package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.EjectionState;
import dev.steadfast.loadbalancer.InstanceHealth;
import io.github.resilience4j.core.metrics.Metrics.Outcome;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The outlier state of one instance. Not thread-safe: its {@link ServiceOutliers} guards it. The failure rate comes
 * from Resilience4j's sliding time window, the same one its circuit breaker uses.
 */
final class InstanceRecord {

    private final String serviceId;

    private final String instance;

    private final Clock clock;

    private final SlidingTimeWindowMetrics window;

    private EjectionState state = EjectionState.ACTIVE;

    private int consecutiveFailures;

    private int ejections;

    private Instant ejectedUntil = Instant.MIN;

    /** When it last returned from an ejection; a long enough healthy stretch after it forgives past ejections. */
    private Instant returnedAt = Instant.MIN;

    /** Whether an ejection was skipped for the maximum share since its last success, so that is reported once. */
    boolean ejectionSkipped;

    InstanceRecord(String serviceId, String instance, Duration window, Clock clock) {
        this.serviceId = serviceId;
        this.instance = instance;
        this.clock = clock;
        this.window = new SlidingTimeWindowMetrics((int) Math.max(1, window.toSeconds()), clock);
    }

    String instance() {
        return instance;
    }

    EjectionState state() {
        return state;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    int ejections() {
        return ejections;
    }

    /** Ends an ejection whose time is over; returns whether it did. */
    boolean returnIfDue(Instant now, Duration forgiveAfter) {
        if (state == EjectionState.EJECTED && !now.isBefore(ejectedUntil)) {
            state = EjectionState.PROBATION;
            returnedAt = now;
            return true;
        }
        if (state == EjectionState.ACTIVE && ejections > 0 && !now.isBefore(returnedAt.plus(forgiveAfter))) {
            ejections = 0;
        }
        return false;
    }

    Snapshot recordFailure() {
        consecutiveFailures++;
        return window.record(0, TimeUnit.NANOSECONDS, Outcome.ERROR);
    }

    void recordSuccess() {
        consecutiveFailures = 0;
        ejectionSkipped = false;
        window.record(0, TimeUnit.NANOSECONDS, Outcome.SUCCESS);
        if (state == EjectionState.PROBATION) {
            state = EjectionState.ACTIVE;
        }
    }

    Duration eject(OutlierSettings settings, Instant now) {
        ejections++;
        Duration duration = settings.ejectionTime(ejections);
        state = EjectionState.EJECTED;
        ejectedUntil = now.plus(duration);
        consecutiveFailures = 0;
        return duration;
    }

    InstanceHealth health(int minimumCalls) {
        Snapshot snapshot = window.getSnapshot();
        float rate = snapshot.getTotalNumberOfCalls() < minimumCalls ? -1 : snapshot.getFailureRate();
        Duration remaining = state == EjectionState.EJECTED
                ? Duration.between(clock.instant(), ejectedUntil).isNegative()
                        ? Duration.ZERO
                        : Duration.between(clock.instant(), ejectedUntil)
                : Duration.ZERO;
        return new InstanceHealth(serviceId, instance, state, consecutiveFailures, rate, ejections, remaining);
    }
}
