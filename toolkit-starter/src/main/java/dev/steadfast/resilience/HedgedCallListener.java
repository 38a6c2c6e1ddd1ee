package dev.steadfast.resilience;

import java.util.function.Supplier;

/**
 * Sees the attempts of each {@link Hedge hedged} call as one logical call, on the threads that run them. The
 * load-balancing support implements it so that a hedge goes to an instance the call has not tried; every bean of this
 * type takes part in every hedged call, in bean order (the first runs outermost).
 *
 * <p>Threading: {@link #callStarting()} runs on the thread that calls the hedged method. For a method returning a
 * {@code Mono} that is once per {@code Mono} returned, and its {@link Attempts} serve every subscription to it: a retry
 * operator that resubscribes continues the same logical call (and a {@code Mono} subscribed to again repeats it).
 * {@link Attempts#run(Supplier)} runs on the thread that starts an attempt: a hedging thread for
 * each attempt of a synchronous method; for a {@code CompletionStage} or {@code Mono} method the calling thread for the
 * first attempt and the hedging timer for later ones. Attempts of one call run concurrently, so what a call's attempts
 * share must be thread-safe.
 */
public interface HedgedCallListener {

    /**
     * A hedged call starts, on the calling thread; the result runs each of its attempts (for a {@code Mono}, those of
     * every subscription).
     */
    Attempts callStarting();

    /** The attempts of one hedged call. */
    @FunctionalInterface
    interface Attempts {

        /**
         * Runs the synchronous part of one attempt on this thread (the asynchronous part of a {@code CompletionStage}
         * or {@code Mono} may go on after it has returned) and returns its result, or the result decorated as the same
         * type (a {@code Mono} with entries added to its Reactor context, which its subscription then sees). The
         * attempt's failure must pass through unchanged; a checked one arrives wrapped, and the hedging unwraps it.
         */
        Object run(Supplier<?> attempt);
    }
}
