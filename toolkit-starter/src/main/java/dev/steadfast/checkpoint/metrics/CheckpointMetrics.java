package dev.steadfast.checkpoint.metrics;

import dev.steadfast.checkpoint.CheckpointException;
import dev.steadfast.checkpoint.CheckpointListener;
import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes {@code steadfast.checkpoint.save} and {@code steadfast.checkpoint.restore} timers, the counters
 * {@code steadfast.checkpoint.failures} and {@code steadfast.checkpoint.quarantined}, and the gauges
 * {@code steadfast.checkpoint.size} (bytes) and {@code steadfast.checkpoint.age} (seconds since the last checkpoint
 * this instance saved or restored), all tagged with the checkpoint's name.
 */
public final class CheckpointMetrics implements CheckpointListener, MeterBinder {

    /** The descriptions of the meters registered on first use, one per meter name (Prometheus keeps one HELP). */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "steadfast.checkpoint.save", "Time to save a checkpoint (snapshot, write and commit)",
            "steadfast.checkpoint.restore", "Time to restore the newest valid checkpoint at the start of a term",
            "steadfast.checkpoint.failures",
                    "Checkpoint saves or restores that failed; fenced=true when a newer term's writer refused the write",
            "steadfast.checkpoint.quarantined", "Corrupt checkpoints (checksum failures) moved aside by the writer");

    private final CheckpointManager manager;

    private final Clock clock;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    private volatile MeterRegistry registry;

    public CheckpointMetrics(CheckpointManager manager, Clock clock) {
        this.manager = manager;
        this.clock = clock;
        manager.addListener(this);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        manager.names().forEach(this::registerMeters);
    }

    /** Idempotent; also called on each event because the names may be known only after binding. */
    private void registerMeters(String name) {
        MeterRegistry registry = this.registry;
        if (registry == null || !registered.add(name)) {
            return;
        }
        Gauge.builder(
                        "steadfast.checkpoint.size",
                        () -> last(name).map(CheckpointMetadata::size).orElse(0))
                .tag("name", name)
                .baseUnit("bytes")
                .description("Size of the last checkpoint saved or restored")
                .register(registry);
        Gauge.builder("steadfast.checkpoint.age", () -> last(name)
                        .map(last -> Duration.between(last.timestamp(), clock.instant())
                                        .toMillis()
                                / 1000.0)
                        .orElse(Double.NaN))
                .tag("name", name)
                .baseUnit("seconds")
                .description("Age of the last checkpoint saved or restored")
                .register(registry);
        // Registered up front so that dashboards show zero rather than nothing.
        counter("steadfast.checkpoint.failures", name, "false");
        counter("steadfast.checkpoint.quarantined", name, null);
    }

    @Override
    public void saved(CheckpointMetadata checkpoint, Duration took) {
        registerMeters(checkpoint.name());
        timer("steadfast.checkpoint.save", checkpoint.name(), took);
    }

    @Override
    public void restored(String name, Optional<CheckpointMetadata> checkpoint, Duration took) {
        registerMeters(name);
        timer("steadfast.checkpoint.restore", name, took);
    }

    @Override
    public void quarantined(String name, long sequence, String reason) {
        registerMeters(name);
        Counter counter = counter("steadfast.checkpoint.quarantined", name, null);
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void failed(String name, CheckpointException failure, boolean fenced) {
        registerMeters(name);
        Counter counter = counter("steadfast.checkpoint.failures", name, Boolean.toString(fenced));
        if (counter != null) {
            counter.increment();
        }
    }

    private Optional<CheckpointMetadata> last(String name) {
        return manager.status(name).last();
    }

    private void timer(String meter, String name, Duration took) {
        MeterRegistry current = registry;
        if (current != null) {
            Timer.builder(meter)
                    .description(DESCRIPTIONS.get(meter))
                    .tag("name", name)
                    .register(current)
                    .record(took);
        }
    }

    private Counter counter(String meter, String name, String fenced) {
        MeterRegistry current = registry;
        if (current == null) {
            return null;
        }
        Counter.Builder builder =
                Counter.builder(meter).description(DESCRIPTIONS.get(meter)).tag("name", name);
        if (fenced != null) {
            builder.tag("fenced", fenced);
        }
        return builder.register(current);
    }
}
