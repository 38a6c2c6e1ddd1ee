package dev.steadfast.limit;

import java.util.Optional;

/**
 * A concurrency limit that adapts to measured latency: a call first asks for a permit and, when it gets one,
 * reports how it ended, which both frees the permit and feeds the call's round-trip time to the algorithm.
 *
 * <p>Thread-safe; a permit may be completed on another thread than the one that acquired it.
 */
public interface ConcurrencyLimiter {

    /** The name: a bulkhead instance's name, or {@code inbound}. */
    String name();

    /** The current limit. */
    int limit();

    /** The calls holding a permit now. */
    int inflight();

    /**
     * A permit for one call, at once: never waits.
     *
     * @return the permit, or empty when the limit is reached and the call must be refused
     */
    Optional<Permit> tryAcquire();

    /** One admitted call. Exactly one of its methods must be called, once, when the call ends. */
    interface Permit {

        /** The call completed: its round-trip time is a sample. */
        void succeeded();

        /**
         * The call failed: a timeout, or a refusal by an overloaded dependency (HTTP 429 or 503), counts as a drop
         * (loss-based algorithms back off); any other failure is ignored, so that quick errors do not pass for low
         * latency.
         *
         * @param failure what the call threw
         */
        void failed(Throwable failure);

        /** The call was abandoned before it ended (a cancelled subscription): no sample. */
        void abandoned();
    }
}
