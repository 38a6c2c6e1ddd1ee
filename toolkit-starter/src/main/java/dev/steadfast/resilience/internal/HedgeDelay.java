package dev.steadfast.resilience.internal;

/** How long a hedged call waits before each hedge, and what it learns from each attempt's latency. */
sealed interface HedgeDelay {

    /** The delay before the next hedge, in nanoseconds. */
    long nanos();

    /** An attempt answered (or lost to another) after this many nanoseconds. */
    void record(long nanos);

    /** The same delay every time. */
    record Fixed(long nanos) implements HedgeDelay {

        @Override
        public void record(long nanos) {}
    }

    /** A percentile of the instance's recent latencies, the fixed delay until there are enough of them. */
    record FromPercentile(LatencyWindow window, long fallbackNanos) implements HedgeDelay {

        @Override
        public long nanos() {
            return window.delayNanos(fallbackNanos);
        }

        @Override
        public void record(long nanos) {
            window.record(nanos);
        }
    }
}
