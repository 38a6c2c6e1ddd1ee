package dev.steadfast.checkpoint.health;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointMetadata;
import dev.steadfast.checkpoint.CheckpointStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports every checkpoint with its age. A checkpoint this instance writes whose last save is older than a number
 * of intervals is reported as {@code stale}; it makes health DOWN only when configured to, because a leader that
 * cannot checkpoint still serves, and restarting it would lose more state than it saves. It is DOWN while this
 * instance cannot restore a checkpoint it would have to take over ({@code restoreBlocked}, with the reason), or its
 * term is fenced out ({@code fencedOut}): include {@code checkpoints} in the readiness group to take such an
 * instance out of service.
 */
public final class CheckpointHealthIndicator extends AbstractHealthIndicator {

    private final CheckpointManager manager;

    private final Clock clock;

    private final int staleAfterIntervals;

    private final boolean downWhenStale;

    public CheckpointHealthIndicator(
            CheckpointManager manager, Clock clock, int staleAfterIntervals, boolean downWhenStale) {
        super("Checkpoint health check failed");
        this.manager = manager;
        this.clock = clock;
        this.staleAfterIntervals = staleAfterIntervals;
        this.downWhenStale = downWhenStale;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean anyStale = false;
        boolean fencedOut = false;
        boolean restoreBlocked = false;
        for (String name : manager.names()) {
            CheckpointStatus status = manager.status(name);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("store", status.store());
            details.put("writer", status.writer());
            status.election().ifPresent(election -> details.put("election", election));
            details.put("interval", status.interval().toString());
            boolean stale = false;
            if (status.last().isPresent()) {
                CheckpointMetadata last = status.last().get();
                Duration age = Duration.between(last.timestamp(), clock.instant());
                details.put("sequence", last.sequence());
                details.put("token", last.token());
                details.put("age", age.toString());
                stale = status.writer() && age.compareTo(status.interval().multipliedBy(staleAfterIntervals)) > 0;
            }
            details.put("stale", stale);
            details.put("failures", status.failures());
            details.put("quarantined", status.quarantined());
            status.lastError().ifPresent(error -> details.put("lastError", error));
            status.fencedOut().ifPresent(reason -> details.put("fencedOut", reason));
            status.restoreBlocked().ifPresent(reason -> details.put("restoreBlocked", reason));
            anyStale |= stale;
            fencedOut |= status.fencedOut().isPresent();
            restoreBlocked |= status.restoreBlocked().isPresent();
            builder.withDetail(name, details);
        }
        if (fencedOut || restoreBlocked || (anyStale && downWhenStale)) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
