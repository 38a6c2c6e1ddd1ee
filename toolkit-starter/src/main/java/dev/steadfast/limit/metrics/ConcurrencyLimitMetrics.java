package dev.steadfast.limit.metrics;

import dev.steadfast.limit.internal.AdaptiveLimiter;
import dev.steadfast.limit.internal.ConcurrencyLimiters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Meters of every adaptive limiter, tagged {@code kind} ({@code bulkhead} or {@code inbound}) and {@code name} (the
 * bulkhead instance, or {@code inbound}): {@code steadfast.limiter.limit} and {@code steadfast.limiter.inflight}
 * (gauges), {@code steadfast.limiter.rejected} (a counter, also tagged {@code priority}, {@code none} without
 * priorities) and {@code steadfast.limiter.rtt} (a timer of the round-trip times the algorithm sampled). Limiters
 * created after binding (bulkhead instances on first use) are bound when they are created.
 */
public class ConcurrencyLimitMetrics implements MeterBinder {

    private final ConcurrencyLimiters limiters;

    /** Creates the binder over the application's limiters. */
    public ConcurrencyLimitMetrics(ConcurrencyLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        limiters.forEach(limiter -> bind(limiter, registry));
    }

    private static void bind(AdaptiveLimiter<?> limiter, MeterRegistry registry) {
        String kind = limiter.kind();
        String name = limiter.name();
        Gauge.builder("steadfast.limiter.limit", limiter, AdaptiveLimiter::limit)
                .description("Current adaptive concurrency limit")
                .tags("kind", kind, "name", name)
                .register(registry);
        Gauge.builder("steadfast.limiter.inflight", limiter, AdaptiveLimiter::inflight)
                .description("Calls or requests holding a permit of the adaptive limit")
                .tags("kind", kind, "name", name)
                .register(registry);
        for (String priority : limiter.priorities()) {
            FunctionCounter.builder("steadfast.limiter.rejected", limiter, l -> l.rejected(priority))
                    .description("Calls or requests refused at once because the adaptive limit was reached")
                    .tags("kind", kind, "name", name, "priority", priority)
                    .register(registry);
        }
        Timer rtt = Timer.builder("steadfast.limiter.rtt")
                .description("Round-trip times sampled by the adaptive limit's algorithm")
                .tags("kind", kind, "name", name)
                .register(registry);
        limiter.observeRoundTrips(nanos -> rtt.record(nanos, TimeUnit.NANOSECONDS));
    }
}
