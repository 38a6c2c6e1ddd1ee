package dev.steadfast.limit.internal;

import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.ConcurrencyLimiter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The adaptive bulkheads that configuration turns on: one limiter per instance name, created on first request. */
public final class ConfiguredAdaptiveBulkheads implements AdaptiveBulkheads {

    private final Function<String, Optional<LimitSettings>> settings;

    private final ConcurrencyLimiters limiters;

    private final Map<String, Optional<ConcurrencyLimiter>> instances = new ConcurrentHashMap<>();

    /**
     * Creates the bulkheads.
     *
     * @param settings each instance's settings, or empty when the instance is not adaptive
     * @param limiters creates the limiters
     */
    public ConfiguredAdaptiveBulkheads(
            Function<String, Optional<LimitSettings>> settings, ConcurrencyLimiters limiters) {
        this.settings = settings;
        this.limiters = limiters;
    }

    @Override
    public Optional<ConcurrencyLimiter> forInstance(String name) {
        return instances.computeIfAbsent(
                name, ignored -> settings.apply(name).map(resolved -> limiters.bulkhead(name, resolved)));
    }
}
