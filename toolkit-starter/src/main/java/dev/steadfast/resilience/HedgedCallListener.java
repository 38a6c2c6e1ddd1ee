package dev.steadfast.resilience;

/**
 * Sees the attempts of each {@link Hedge hedged} call as one logical call, on the threads that start them. The
 * load-balancing support implements it so that a hedge goes to an instance the call has not tried; every bean of this
 * type takes part in every hedged call, in bean order.
 *
 * <p>Threading: {@link #callStarting()} runs on the thread that makes the hedged call (the caller, or the subscriber
 * of a {@code Mono}). {@link Attempts#attemptStarting(int)} runs on the thread that starts an attempt, just before
 * it: a hedging thread for each attempt of a synchronous method; for a {@code CompletionStage} or {@code Mono} method
 * the calling thread for the first attempt and the hedging timer for later ones. Attempts of one call run
 * concurrently, so what a call's attempts share must be thread-safe.
 */
public interface HedgedCallListener {

    /** A hedged call starts, on the calling thread; the result sees each of its attempts. */
    Attempts callStarting();

    /** The attempts of one hedged call. */
    @FunctionalInterface
    interface Attempts {

        /**
         * Attempt {@code attempt} (0 for the first, 1 for the first hedge, ...) is about to start on this thread. The
         * scope is closed on the same thread once the attempt's synchronous part has returned (the asynchronous part
         * of a {@code CompletionStage} or {@code Mono} may go on).
         */
        Scope attemptStarting(int attempt);
    }

    /** What an attempt set up on its thread, undone when it is closed. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
