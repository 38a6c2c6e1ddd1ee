package dev.steadfast.limit.internal;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import dev.steadfast.limit.ConcurrencyLimiter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One adaptive limit over a Netflix {@link Limiter}: admits or refuses at once, turns each call's outcome into the
 * library's success, ignore or drop, and counts refusals per priority and round-trip times for the meters.
 *
 * @param <C> what a call is partitioned by (an HTTP request), or {@code Object} when there are no priorities
 */
public final class AdaptiveLimiter<C> implements ConcurrencyLimiter {

    /** The priority tag of refusals by a limiter without priorities. */
    public static final String NO_PRIORITY = "none";

    private final String kind;

    private final String name;

    private final AbstractLimiter<C> limiter;

    private final LongSupplier nanoClock;

    private final Function<C, String> priorityOf;

    private final Map<String, LongAdder> rejected;

    private volatile LongConsumer rttObserver = rtt -> {};

    AdaptiveLimiter(
            String kind,
            String name,
            AbstractLimiter<C> limiter,
            LongSupplier nanoClock,
            Function<C, String> priorityOf,
            Set<String> priorities) {
        this.kind = kind;
        this.name = name;
        this.limiter = limiter;
        this.nanoClock = nanoClock;
        this.priorityOf = priorityOf;
        Map<String, LongAdder> counts = new HashMap<>();
        priorities.forEach(priority -> counts.put(priority, new LongAdder()));
        this.rejected = Map.copyOf(counts);
    }

    /** {@code bulkhead} or {@code inbound}. */
    public String kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int limit() {
        return limiter.getLimit();
    }

    @Override
    public int inflight() {
        return limiter.getInflight();
    }

    @Override
    public Optional<Permit> tryAcquire() {
        return acquire(null);
    }

    /**
     * A permit for a call of the given context (its priority decides which share of the limit it may use when the
     * limit is reached), or empty at once when it is refused.
     */
    public Optional<Permit> acquire(C context) {
        Optional<Limiter.Listener> listener = limiter.acquire(context);
        if (listener.isEmpty()) {
            rejected.get(priorityOf.apply(context)).increment();
            return Optional.empty();
        }
        // Read after Netflix's listener read its start, and the end before it reads its end: the library's own
        // sample is at least this one, so when this one is positive, so is the library's (see LimiterPermit).
        return Optional.of(new LimiterPermit(listener.get(), nanoClock.getAsLong()));
    }

    /** The priorities that refusals are counted by. */
    public Set<String> priorities() {
        return rejected.keySet();
    }

    /** The calls refused so far with the given priority. */
    public long rejected(String priority) {
        LongAdder count = rejected.get(priority);
        return count == null ? 0 : count.sum();
    }

    /** Adds a receiver of the round-trip time, in nanoseconds, of every call that ended with a sample. */
    public synchronized void observeRoundTrips(LongConsumer observer) {
        this.rttObserver = rttObserver.andThen(observer);
    }

    private final class LimiterPermit implements Permit {

        private final AtomicBoolean ended = new AtomicBoolean();

        private final Limiter.Listener listener;

        private final long start;

        LimiterPermit(Limiter.Listener listener, long start) {
            this.listener = listener;
            this.start = start;
        }

        @Override
        public void succeeded() {
            if (ended.compareAndSet(false, true)) {
                sample(false);
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                if (Failures.isDrop(failure)) {
                    sample(true);
                } else {
                    listener.onIgnore();
                }
            }
        }

        /**
         * A round trip the clock could not measure (zero) is ignored: Gradient2 divides by it, and a NaN limit
         * would become a limit of zero that refuses every call from then on.
         */
        private void sample(boolean dropped) {
            long rtt = nanoClock.getAsLong() - start;
            if (rtt <= 0) {
                listener.onIgnore();
                return;
            }
            if (dropped) {
                listener.onDropped();
            } else {
                listener.onSuccess();
            }
            rttObserver.accept(rtt);
        }

        @Override
        public void abandoned() {
            if (ended.compareAndSet(false, true)) {
                listener.onIgnore();
            }
        }
    }
}
