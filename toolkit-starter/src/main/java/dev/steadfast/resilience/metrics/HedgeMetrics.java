package dev.steadfast.resilience.metrics;

import dev.steadfast.resilience.Hedge;
import dev.steadfast.resilience.internal.HedgeRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Micrometer meters of {@link Hedge hedged} calls, tagged with the hedge instance's {@code name}:
 * {@code steadfast.hedge.calls} (counter, tagged {@code outcome}: {@code first-won}, {@code hedge-won},
 * {@code failed} or {@code cancelled} by the caller), {@code steadfast.hedge.started} (hedges started),
 * {@code steadfast.hedge.denied} (hedges the extra-load limit or the retry budget denied), {@code steadfast.hedge.cancelled} (attempts
 * cancelled because another won or the caller gave up) and {@code steadfast.hedge.delay} (gauge: the delay before a
 * hedge now). An instance's meters appear with the first call of its first method; methods sharing a name share the
 * counters, and the delay gauge follows the first of them.
 */
public class HedgeMetrics implements HedgeRecorder {

    private final MeterRegistry registry;

    private final Map<String, Meters> instances = new ConcurrentHashMap<>();

    /** Creates the meters' recorder over the application's registry. */
    public HedgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Instance instance(String name, LongSupplier delayNanos) {
        return instances.computeIfAbsent(name, key -> new Meters(registry, key, delayNanos));
    }

    private static final class Meters implements Instance {

        private final Map<Outcome, Counter> calls = new EnumMap<>(Outcome.class);
        private final Counter started;
        private final Counter denied;
        private final Counter cancelled;

        Meters(MeterRegistry registry, String name, LongSupplier delayNanos) {
            for (Outcome outcome : Outcome.values()) {
                calls.put(
                        outcome,
                        Counter.builder("steadfast.hedge.calls")
                                .description("Hedged calls that ended, by outcome: which attempt won, or how it ended")
                                .tag("name", name)
                                .tag(
                                        "outcome",
                                        outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                .register(registry));
            }
            started = Counter.builder("steadfast.hedge.started")
                    .description("Hedges started: attempts after the first of a hedged call")
                    .tag("name", name)
                    .register(registry);
            denied = Counter.builder("steadfast.hedge.denied")
                    .description(
                            "Hedges the extra-load limit or the retry budget denied, which therefore did not start")
                    .tag("name", name)
                    .register(registry);
            cancelled = Counter.builder("steadfast.hedge.cancelled")
                    .description("Attempts of hedged calls cancelled because another won or the caller gave up")
                    .tag("name", name)
                    .register(registry);
            TimeGauge.builder("steadfast.hedge.delay", delayNanos, TimeUnit.NANOSECONDS, LongSupplier::getAsLong)
                    .description("The delay before a hedge starts now")
                    .tag("name", name)
                    // The supplier is a method reference nobody else holds: a weak one would be collected.
                    .strongReference(true)
                    .register(registry);
        }

        @Override
        public void hedgeStarted() {
            started.increment();
        }

        @Override
        public void hedgeDenied() {
            denied.increment();
        }

        @Override
        public void callEnded(Outcome outcome) {
            calls.get(outcome).increment();
        }

        @Override
        public void attemptsCancelled(int attempts) {
            cancelled.increment(attempts);
        }
    }
}
