package dev.steadfast.limit.internal;

import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Creates every adaptive limiter of the application over Netflix's limiters and keeps them, so that the meters
 * can bind the ones that exist and the ones created later (bulkhead instances are created on first use).
 */
public final class ConcurrencyLimiters {

    private final LongSupplier nanoClock;

    private final List<AdaptiveLimiter<?>> limiters = new CopyOnWriteArrayList<>();

    private final List<Consumer<AdaptiveLimiter<?>>> observers = new CopyOnWriteArrayList<>();

    /** Creates the factory over the system's monotonic clock. */
    public ConcurrencyLimiters() {
        this(System::nanoTime);
    }

    /**
     * Creates the factory over the given clock, which measures every call's round-trip time.
     *
     * @param nanoClock a monotonic clock in nanoseconds, as {@link System#nanoTime()}
     */
    public ConcurrencyLimiters(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A new limiter for the bulkhead instance of the given name. */
    public AdaptiveLimiter<Object> bulkhead(String name, LimitSettings settings) {
        AbstractLimiter<Object> limiter = SimpleLimiter.newBuilder()
                .named(name)
                .limit(settings.newLimit())
                .nanoClock(nanoClock)
                .build();
        return register(new AdaptiveLimiter<>(
                "bulkhead",
                name,
                limiter,
                nanoClock,
                ignored -> AdaptiveLimiter.NO_PRIORITY,
                Set.of(AdaptiveLimiter.NO_PRIORITY)));
    }

    /**
     * A new limiter for the service's inbound requests.
     *
     * @param settings the limit's settings
     * @param shares each priority's guaranteed share of the limit once it is reached (empty: no priorities)
     * @param priorityOf the priority of a request, always one of {@code shares}' keys when there are any
     */
    public <C> AdaptiveLimiter<C> inbound(
            LimitSettings settings, Map<String, Double> shares, Function<C, String> priorityOf) {
        if (shares.isEmpty()) {
            AbstractLimiter<C> limiter = SimpleLimiter.newBuilder()
                    .named("inbound")
                    .limit(settings.newLimit())
                    .nanoClock(nanoClock)
                    .build();
            return register(new AdaptiveLimiter<>(
                    "inbound",
                    "inbound",
                    limiter,
                    nanoClock,
                    ignored -> AdaptiveLimiter.NO_PRIORITY,
                    Set.of(AdaptiveLimiter.NO_PRIORITY)));
        }
        PartitionedBuilder<C> builder = new PartitionedBuilder<C>()
                .named("inbound")
                .limit(settings.newLimit())
                .nanoClock(nanoClock)
                .partitionResolver(priorityOf);
        shares.forEach(builder::partition);
        AbstractLimiter<C> limiter = (AbstractLimiter<C>) builder.build();
        return register(new AdaptiveLimiter<>(
                "inbound", "inbound", limiter, nanoClock, priorityOf, new LinkedHashSet<>(shares.keySet())));
    }

    /** Calls the action for every limiter there is and, from now on, for every limiter created. */
    public synchronized void forEach(Consumer<AdaptiveLimiter<?>> action) {
        limiters.forEach(action);
        observers.add(action);
    }

    private synchronized <C> AdaptiveLimiter<C> register(AdaptiveLimiter<C> limiter) {
        limiters.add(limiter);
        observers.forEach(observer -> observer.accept(limiter));
        return limiter;
    }

    /** Netflix's partitioned limiter: each priority keeps its share of the limit once the limit is reached. */
    private static final class PartitionedBuilder<C>
            extends AbstractPartitionedLimiter.Builder<PartitionedBuilder<C>, C> {

        @Override
        protected PartitionedBuilder<C> self() {
            return this;
        }
    }
}
