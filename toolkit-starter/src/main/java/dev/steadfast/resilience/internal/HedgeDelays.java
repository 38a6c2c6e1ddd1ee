package dev.steadfast.resilience.internal;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delays of hedge instances: fixed, or a percentile of the instance's recent attempt latencies within a floor
 * and a ceiling (and the fixed delay until the window holds enough samples); and the limit on the extra load their
 * hedges may add. Methods that share a hedge name share its latency window and its limit.
 */
public final class HedgeDelays {

    /** The window over which a hedge instance's extra load is limited, the retry budget's default. */
    static final Duration EXTRA_LOAD_WINDOW = Duration.ofSeconds(10);

    /** Hedges per second that the extra-load limit allows whatever the rate of calls. */
    static final int EXTRA_LOAD_RESERVE_PER_SECOND = 1;

    private final Settings defaults;
    private final Map<String, Settings> instances;
    private final Clock clock;
    private final Map<String, LatencyWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, RetryBudget> extraLoadLimits = new ConcurrentHashMap<>();

    /**
     * Creates the delays.
     *
     * @param defaults the settings of instances not configured by name; its delay is never {@code null}
     * @param instances settings by instance name, each already filled in from the defaults except its delay, which
     *     is {@code null} when the annotation's (or else the default) delay applies
     * @param clock the clock of the latency windows
     */
    public HedgeDelays(Settings defaults, Map<String, Settings> instances, Clock clock) {
        this.defaults = defaults;
        this.instances = Map.copyOf(instances);
        this.clock = clock;
    }

    /** The delay of a hedged method: its instance's settings, with the annotation's delay ({@code null}: none). */
    HedgeDelay delayFor(String name, Duration annotationDelay) {
        Settings instance = instances.get(name);
        Settings settings = instance != null ? instance : defaults;
        // An instance's own delay, else the annotation's, else the default (which is never null).
        Duration fixed = instance != null && instance.delay() != null
                ? instance.delay()
                : annotationDelay != null ? annotationDelay : defaults.delay();
        if (settings.delayPercentile() == null) {
            return new HedgeDelay.Fixed(fixed.toNanos());
        }
        LatencyWindow window = windows.computeIfAbsent(name, key -> new LatencyWindow(settings, clock));
        return new HedgeDelay.FromPercentile(window, fixed.toNanos());
    }

    /**
     * The limit on the hedges of an instance, {@code null} when it has none (then only the retry budget limits them):
     * a budget of its {@link Settings#maxExtraLoad()} percent of the hedged calls of the last {@link
     * #EXTRA_LOAD_WINDOW}, plus {@link #EXTRA_LOAD_RESERVE_PER_SECOND} hedge per second so that a quiet caller can
     * hedge at all. A percentile follows the latencies of the last window only with a lag: when they shift up (a
     * connection, a collector, an instance turning slow), the old percentile would hedge every call until it caught up.
     */
    RetryBudget extraLoadLimit(String name) {
        Double percent = maxExtraLoad(name);
        if (percent == null) {
            return null;
        }
        return extraLoadLimits.computeIfAbsent(
                name,
                key -> new RetryBudget(
                        percent, EXTRA_LOAD_WINDOW, EXTRA_LOAD_RESERVE_PER_SECOND, clock::monotonicTime));
    }

    /**
     * The most extra attempts, in percent of its hedged calls, that the hedges of an instance may add, or {@code null}
     * when only the retry budget limits them.
     */
    public Double maxExtraLoad(String name) {
        return instances.getOrDefault(name, defaults).maxExtraLoad();
    }

    /**
     * The delay a hedge instance takes from its percentile now, or {@code null} while it has a fixed delay or too
     * few samples (it is recomputed at most every 100 ms, on a call).
     */
    public Duration percentileDelay(String name) {
        LatencyWindow window = windows.get(name);
        long nanos = window == null ? -1 : window.delayNanos(-1);
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /**
     * One hedge instance's settings.
     *
     * @param delay the fixed delay, or {@code null} for the annotation's
     * @param delayPercentile the percentile (0-100, exclusive) the delay follows, or {@code null} for a fixed delay
     * @param minDelay the floor of a delay from the percentile
     * @param maxDelay the ceiling of a delay from the percentile
     * @param minSamples the samples in the window before the percentile applies
     * @param window how long a sample counts
     * @param maxExtraLoad the most extra attempts hedges may add, in percent of the hedged calls, or {@code null} for
     *     no limit but the retry budget's
     */
    public record Settings(
            Duration delay,
            Double delayPercentile,
            Duration minDelay,
            Duration maxDelay,
            int minSamples,
            Duration window,
            Double maxExtraLoad) {}
}
