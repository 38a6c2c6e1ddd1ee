package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.EjectionReason;
import dev.steadfast.loadbalancer.EjectionSkipped;
import dev.steadfast.loadbalancer.EjectionState;
import dev.steadfast.loadbalancer.InstanceEjected;
import dev.steadfast.loadbalancer.InstanceEvent;
import dev.steadfast.loadbalancer.InstanceHealth;
import dev.steadfast.loadbalancer.InstanceReturned;
import io.github.resilience4j.core.metrics.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The outlier detector of one service: outcomes per instance in, ejections out. One lock per service, held only
 * for bookkeeping (never across I/O); events are published after it is released, on the calling thread.
 */
final class ServiceOutliers {

    private final String serviceId;

    private final OutlierSettings settings;

    private final Clock clock;

    private final Consumer<InstanceEvent> events;

    private final Map<String, InstanceRecord> instances = new LinkedHashMap<>();

    /** How many instances discovery last listed; the maximum ejected share is a share of these. */
    private int listedInstances;

    /** The list last seen from discovery, to skip bookkeeping while it has not changed. */
    private Collection<String> lastListed = List.of();

    ServiceOutliers(String serviceId, OutlierSettings settings, Clock clock, Consumer<InstanceEvent> events) {
        this.serviceId = serviceId;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Takes note of the instances discovery lists now and answers which of them are ejected. Instances no longer
     * listed are forgotten.
     */
    Set<String> ejectedAmong(Collection<String> listed) {
        List<InstanceEvent> published = new ArrayList<>();
        Set<String> ejected = new HashSet<>();
        synchronized (this) {
            if (!listed.equals(lastListed)) {
                lastListed = List.copyOf(listed);
                listedInstances = listed.size();
                instances.keySet().retainAll(Set.copyOf(listed));
            }
            Instant now = clock.instant();
            for (InstanceRecord record : instances.values()) {
                if (record.returnIfDue(now, settings.maxEjectionTime())) {
                    published.add(new InstanceReturned(serviceId, record.instance()));
                }
                if (record.state() == EjectionState.EJECTED) {
                    ejected.add(record.instance());
                }
            }
        }
        published.forEach(events);
        return ejected;
    }

    void recordSuccess(String instance) {
        List<InstanceEvent> published = new ArrayList<>(1);
        synchronized (this) {
            InstanceRecord record = record(instance, published);
            record.recordSuccess();
        }
        published.forEach(events);
    }

    void recordFailure(String instance) {
        List<InstanceEvent> published = new ArrayList<>(1);
        synchronized (this) {
            InstanceRecord record = record(instance, published);
            boolean onProbation = record.state() == EjectionState.PROBATION;
            Snapshot snapshot = record.recordFailure();
            if (record.state() == EjectionState.EJECTED) {
                // A call that was under way when the instance was ejected: already dealt with.
                return;
            }
            EjectionReason reason = reasonToEject(record, snapshot, onProbation);
            if (reason != null) {
                if (mayEjectOneMore()) {
                    Duration duration = record.eject(settings, clock.instant());
                    published.add(new InstanceEjected(serviceId, instance, reason, record.ejections(), duration));
                } else if (!record.ejectionSkipped) {
                    record.ejectionSkipped = true;
                    published.add(new EjectionSkipped(serviceId, instance, reason));
                }
            }
        }
        published.forEach(events);
    }

    synchronized List<InstanceHealth> health() {
        return instances.values().stream()
                .map(record -> record.health(settings.minimumCalls()))
                .toList();
    }

    private InstanceRecord record(String instance, List<InstanceEvent> published) {
        InstanceRecord record = instances.computeIfAbsent(
                instance, key -> new InstanceRecord(serviceId, key, settings.window(), clock));
        if (record.returnIfDue(clock.instant(), settings.maxEjectionTime())) {
            published.add(new InstanceReturned(serviceId, instance));
        }
        return record;
    }

    private EjectionReason reasonToEject(InstanceRecord record, Snapshot snapshot, boolean onProbation) {
        if (onProbation) {
            return EjectionReason.FAILED_ON_PROBATION;
        }
        if (record.consecutiveFailures() >= settings.consecutiveFailures()) {
            return EjectionReason.CONSECUTIVE_FAILURES;
        }
        if (snapshot.getTotalNumberOfCalls() >= settings.minimumCalls()
                && snapshot.getFailureRate() >= settings.failureRateThreshold()) {
            return EjectionReason.FAILURE_RATE;
        }
        return null;
    }

    /** Never more than the maximum share, so that a service-wide outage still reaches the caller's breaker. */
    private boolean mayEjectOneMore() {
        int known = Math.max(listedInstances, instances.size());
        long ejectedNow = instances.values().stream()
                .filter(record -> record.state() == EjectionState.EJECTED)
                .count();
        return (ejectedNow + 1) * 100 <= (long) known * settings.maxEjectedPercent();
    }
}
