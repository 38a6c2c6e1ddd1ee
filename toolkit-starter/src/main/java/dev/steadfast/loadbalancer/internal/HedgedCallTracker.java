package dev.steadfast.loadbalancer.internal;

import dev.steadfast.resilience.HedgedCallListener;

/**
 * Makes each hedge of a {@code @Hedge} call a "retry of the same logical call" for {@link CallAttempts}: the attempts
 * share the call's set of tried instances, and every hedge prefers an instance the call has not tried, as a retry
 * does. Blocking clients, and reactive ones that choose their instance on the thread that subscribes.
 */
public final class HedgedCallTracker implements HedgedCallListener {

    @Override
    public Attempts callStarting() {
        CallAttempts call = CallAttempts.hedgedCallStarting();
        return attempt -> CallAttempts.hedgeAttemptStarting(call, attempt > 0)::run;
    }
}
