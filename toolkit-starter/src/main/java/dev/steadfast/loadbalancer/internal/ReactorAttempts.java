package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.TriedInstances;
import reactor.core.publisher.Mono;

/**
 * Gives a {@code Mono} attempt of a hedged call its call's {@link TriedInstances} in its Reactor context, where a
 * {@code @LoadBalanced} WebClient's request finds it when subscribed (see {@link TriedInstancesFromContext}): the
 * attempt's request is sent after the attempt has returned its {@code Mono}, so a record bound to the thread that
 * built it would no longer be there. Loaded only when Reactor is present.
 */
final class ReactorAttempts {

    private ReactorAttempts() {}

    /** The attempt's result, a {@code Mono} carrying {@code call} in its context, or anything else unchanged. */
    static Object carrying(Object result, TriedInstances call) {
        return result instanceof Mono<?> mono
                ? mono.contextWrite(context -> context.put(TriedInstances.ATTRIBUTE, call))
                : result;
    }
}
