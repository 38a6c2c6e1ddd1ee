package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.ResilienceConfigurationException;
import dev.steadfast.resilience.internal.HedgeDelays;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the hedge delays from {@link HedgeProperties}, each instance filled in from the defaults key by key, and
 * refuses values no hedge can use, naming the property and the fix.
 */
final class HedgeDelaysFactory {

    private static final String PREFIX = "steadfast.resilience.hedge.";

    private HedgeDelaysFactory() {}

    static HedgeDelays create(HedgeProperties properties) {
        HedgeDelays.Settings defaults = check(
                PREFIX,
                new HedgeDelays.Settings(
                        properties.getDelay(),
                        properties.getDelayPercentile(),
                        properties.getMinDelay(),
                        properties.getMaxDelay(),
                        properties.getMinSamples(),
                        properties.getWindow(),
                        maxExtraLoad(properties.getMaxExtraLoad(), properties.getDelayPercentile())));
        Map<String, HedgeDelays.Settings> instances = new LinkedHashMap<>();
        properties.getInstances().forEach((name, instance) -> {
            Double percentile = or(instance.getDelayPercentile(), defaults.delayPercentile());
            instances.put(
                    name,
                    check(
                            PREFIX + "instances." + name + ".",
                            new HedgeDelays.Settings(
                                    instance.getDelay(),
                                    percentile,
                                    or(instance.getMinDelay(), defaults.minDelay()),
                                    or(instance.getMaxDelay(), defaults.maxDelay()),
                                    or(instance.getMinSamples(), defaults.minSamples()),
                                    or(instance.getWindow(), defaults.window()),
                                    maxExtraLoad(
                                            or(instance.getMaxExtraLoad(), properties.getMaxExtraLoad()),
                                            percentile))));
        });
        return new HedgeDelays(defaults, instances, Clock.SYSTEM);
    }

    /**
     * The limit stated, else the share of calls a percentile delay hedges by design: a p95 delay hedges the slowest
     * 5 % (a fixed delay has no such share).
     */
    private static Double maxExtraLoad(Double stated, Double percentile) {
        // An invalid percentile is reported as such, not as the limit taken from it.
        if (stated != null || percentile == null || !(percentile > 0 && percentile < 100)) {
            return stated;
        }
        return 100 - percentile;
    }

    private static HedgeDelays.Settings check(String prefix, HedgeDelays.Settings settings) {
        if (settings.delay() != null && settings.delay().isNegative()) {
            throw invalid(prefix, "delay", settings.delay(), "a duration of 0 or more, such as 100ms");
        }
        if (settings.maxExtraLoad() != null && !(settings.maxExtraLoad() > 0 && settings.maxExtraLoad() <= 100)) {
            throw invalid(
                    prefix,
                    "max-extra-load",
                    settings.maxExtraLoad(),
                    "a percentage above 0 and at most 100, such as 5 (or leave it unset: 100 minus delay-percentile)");
        }
        if (settings.delayPercentile() == null) {
            return settings;
        }
        double percentile = settings.delayPercentile();
        if (!(percentile > 0 && percentile < 100)) {
            throw invalid(
                    prefix,
                    "delay-percentile",
                    percentile,
                    "a number above 0 and below 100, such as 95 (or leave it unset for the fixed delay)");
        }
        if (settings.minDelay() == null || settings.minDelay().isNegative()) {
            throw invalid(prefix, "min-delay", settings.minDelay(), "a duration of 0 or more, such as 5ms");
        }
        if (!positive(settings.maxDelay()) || settings.maxDelay().compareTo(settings.minDelay()) < 0) {
            throw invalid(
                    prefix,
                    "max-delay",
                    settings.maxDelay(),
                    "a positive duration at least min-delay (" + settings.minDelay() + "), such as 1s");
        }
        if (settings.minSamples() < 1) {
            throw invalid(prefix, "min-samples", settings.minSamples(), "1 or more, such as 100");
        }
        if (settings.window() == null || settings.window().compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid(prefix, "window", settings.window(), "a duration of at least 1s, such as 30s");
        }
        return settings;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static ResilienceConfigurationException invalid(
            String prefix, String property, Object value, String expected) {
        return new ResilienceConfigurationException(
                null,
                null,
                "Property '" + prefix + property + "' is " + value + ", which a hedge cannot use.",
                "Set '" + prefix + property + "' to " + expected + ".");
    }
}
