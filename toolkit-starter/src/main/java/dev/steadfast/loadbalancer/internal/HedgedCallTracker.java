package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.TriedInstances;
import dev.steadfast.resilience.HedgedCallListener;

/**
 * Makes each hedge of a {@code @Hedge} call a retry of the same logical call: every attempt runs bound to the call's
 * {@link TriedInstances} on its own thread, so the load balancer records each attempt's instance there as soon as it
 * has chosen it, and a hedge prefers an instance the call has not tried. Blocking clients (RestClient, RestTemplate).
 */
public final class HedgedCallTracker implements HedgedCallListener {

    @Override
    public Attempts callStarting() {
        TriedInstances call = CallAttempts.callStarting();
        return call::call;
    }
}
