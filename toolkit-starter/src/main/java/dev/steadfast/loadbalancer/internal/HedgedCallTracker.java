package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.TriedInstances;
import dev.steadfast.resilience.HedgedCallListener;
import org.springframework.util.ClassUtils;

/**
 * Makes each hedge of a {@code @Hedge} call a retry of the same logical call, so the load balancer records each
 * attempt's instance in the call's {@link TriedInstances} as soon as it has chosen it, and a hedge prefers an instance
 * the call has not tried. Blocking clients (RestClient, RestTemplate): every attempt runs bound to the record on its
 * own thread. A {@code Mono} from a {@code @LoadBalanced} WebClient: every attempt's {@code Mono} carries the record in
 * its Reactor context (see {@link ReactorAttempts}).
 */
public final class HedgedCallTracker implements HedgedCallListener {

    private static final boolean REACTOR_PRESENT =
            ClassUtils.isPresent("reactor.core.publisher.Mono", HedgedCallTracker.class.getClassLoader());

    @Override
    public Attempts callStarting() {
        TriedInstances call = CallAttempts.callStarting();
        if (!REACTOR_PRESENT) {
            return call::call;
        }
        return attempt -> ReactorAttempts.carrying(call.call(attempt), call);
    }
}
