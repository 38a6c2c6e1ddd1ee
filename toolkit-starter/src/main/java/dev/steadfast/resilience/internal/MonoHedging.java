package dev.steadfast.resilience.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Hedging for methods returning a {@link Mono}. Every subscription is one hedged call (a retry operator outside
 * resubscribes, and each resubscription hedges afresh); each attempt subscribes to the Mono the rest of the chain
 * returns, with the subscriber's context, and a losing attempt's subscription is cancelled, as is every attempt
 * when the subscriber cancels. Loaded only when Reactor is present.
 */
final class MonoHedging {

    private MonoHedging() {}

    static boolean isMono(Class<?> type) {
        return type == Mono.class;
    }

    /** A Mono that, on each subscription, runs the hedged call that {@code call} starts with the subscriber's context. */
    static Mono<Object> hedged(Function<ContextView, CompletableFuture<Object>> call) {
        // fromFuture cancels the hedged call's future when the subscriber cancels, which cancels every attempt.
        return Mono.deferContextual(context -> Mono.fromFuture(call.apply(context)));
    }

    /** One attempt: subscribes to the Mono an invocation returned; cancelling the stage cancels the subscription. */
    @SuppressWarnings("unchecked")
    static CompletionStage<Object> attempt(Object mono, ContextView context) {
        return ((Mono<Object>) mono).contextWrite(context).toFuture();
    }
}
