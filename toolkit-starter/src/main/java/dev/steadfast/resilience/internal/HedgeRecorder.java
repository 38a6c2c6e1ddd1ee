package dev.steadfast.resilience.internal;

import java.util.function.LongSupplier;

/**
 * Sees how the hedged calls of each hedge instance go, for their meters. Calls run on the threads of the hedging:
 * implementations must be thread-safe and quick.
 */
public interface HedgeRecorder {

    /** Records nothing: the interceptor's recorder when there are no meters. */
    HedgeRecorder NONE = (name, delayNanos) -> Instance.NONE;

    /**
     * The recorder of one hedge instance, asked for on the first call of each method hedged under {@code name}.
     *
     * @param delayNanos the delay before the next hedge now (from a percentile, it moves)
     */
    Instance instance(String name, LongSupplier delayNanos);

    /** How a hedged call ended. */
    enum Outcome {
        /** The first attempt answered first. */
        FIRST_WON,
        /** A hedge answered first. */
        HEDGE_WON,
        /** Every attempt started failed. */
        FAILED,
        /** The caller gave up (interrupted, or cancelled the future or the subscription) before an answer. */
        CANCELLED
    }

    /** What happens to the calls of one hedge instance. */
    interface Instance {

        /** Records nothing. */
        Instance NONE = new Instance() {};

        /** A hedge (an attempt after the first) started. */
        default void hedgeStarted() {}

        /** The extra-load limit or the retry budget denied a hedge, so it did not start. */
        default void hedgeDenied() {}

        /** A hedged call ended. */
        default void callEnded(Outcome outcome) {}

        /** Attempts still running when the call ended were cancelled. */
        default void attemptsCancelled(int attempts) {}
    }
}
