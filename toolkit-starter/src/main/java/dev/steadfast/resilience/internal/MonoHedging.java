package dev.steadfast.resilience.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Hedging for methods returning a {@link Mono}. Every subscription is one hedged call (a retry operator outside
 * resubscribes, and each resubscription hedges afresh); each attempt subscribes to the Mono the rest of the chain
 * returns, with the subscriber's context, and a losing attempt's subscription is cancelled, as is every attempt
 * when the subscriber cancels. Loaded only when Reactor is present.
 */
final class MonoHedging {

    private static final Logger log = LoggerFactory.getLogger(MonoHedging.class);

    /**
     * The context key of Reactor's subscription-local {@code onErrorDropped} hook ({@code Hooks.KEY_ON_ERROR_DROPPED},
     * not public; {@code HedgeElsewhereIT} fails if Reactor stops honouring it).
     */
    private static final String LOCAL_ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

    private MonoHedging() {}

    static boolean isMono(Class<?> type) {
        return type == Mono.class;
    }

    /** A Mono that, on each subscription, runs the hedged call that {@code call} starts with the subscriber's context. */
    static Mono<Object> hedged(Function<ContextView, CompletableFuture<Object>> call) {
        // fromFuture cancels the hedged call's future when the subscriber cancels, which cancels every attempt.
        return Mono.deferContextual(context -> Mono.fromFuture(call.apply(context)));
    }

    /**
     * One attempt: subscribes to the Mono an invocation returned; cancelling the stage cancels the subscription. A
     * losing attempt is cancelled, and some clients answer the cancellation with an error that Reactor can only drop
     * (the JDK client's {@code CancellationException}), which it would log as an error on every hedge; errors dropped
     * after the attempt was cancelled are logged at debug level instead. Any other dropped error goes to Reactor's
     * global hook or default, as without the hedge; a local hook of the caller's context takes precedence.
     */
    @SuppressWarnings("unchecked")
    static CompletionStage<Object> attempt(Object mono, ContextView context) {
        DroppedAfterCancel dropped = new DroppedAfterCancel();
        CompletableFuture<Object> attempt = ((Mono<Object>) mono)
                .contextWrite(context)
                .contextWrite(Context.of(LOCAL_ON_ERROR_DROPPED, dropped))
                .toFuture();
        dropped.attempt = attempt;
        return attempt;
    }

    /** The subscription-local {@code onErrorDropped} hook of one attempt. */
    private static final class DroppedAfterCancel implements Consumer<Throwable> {

        /** Set right after the subscription; a drop before that is one of a live attempt. */
        private volatile CompletableFuture<Object> attempt;

        @Override
        public void accept(Throwable error) {
            CompletableFuture<Object> subscribed = attempt;
            if (subscribed != null && subscribed.isCancelled()) {
                log.debug("Error of a cancelled hedge attempt dropped", error);
            } else {
                Operators.onErrorDropped(error, Context.empty());
            }
        }
    }
}
