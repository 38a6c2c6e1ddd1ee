package dev.steadfast.loadbalancer.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances the logical call on this thread has tried, so that its retry can prefer another one. A logical call
 * is what Resilience4j's {@code Retry} repeats: its retry event marks the next attempt as a retry and its final
 * events end the call. Blocking clients only: a retry of a reactive call runs on whichever thread resubscribes. The
 * attempts of a hedged call run on several threads at once, each under a view that shares the call's set of tried
 * instances (see {@link HedgedCallTracker}).
 */
public final class CallAttempts {

    private static final ThreadLocal<CallAttempts> CURRENT = new ThreadLocal<>();

    private final Set<String> tried;

    /** Set for one attempt of a hedged call: its instance belongs to the call, not to a call of its own. */
    private final boolean hedgeAttempt;

    private volatile boolean retrying;

    private CallAttempts() {
        this(ConcurrentHashMap.newKeySet(), false, false);
    }

    private CallAttempts(Set<String> tried, boolean retrying, boolean hedgeAttempt) {
        this.tried = tried;
        this.retrying = retrying;
        this.hedgeAttempt = hedgeAttempt;
    }

    /** The next attempt on this thread repeats the call that just failed. */
    public static void retryFollows() {
        CallAttempts attempts = CURRENT.get();
        if (attempts != null) {
            attempts.retrying = true;
        }
    }

    /** The logical call on this thread is over, successfully or not. */
    public static void callEnded() {
        CURRENT.remove();
    }

    /** An attempt on this thread goes to the instance ({@code host:port}); a first attempt starts a logical call. */
    static void attempting(String instance) {
        CallAttempts attempts = CURRENT.get();
        if (attempts == null || !(attempts.retrying || attempts.hedgeAttempt)) {
            attempts = new CallAttempts();
            CURRENT.set(attempts);
        }
        attempts.tried.add(instance);
    }

    /**
     * The logical call a hedged call on this thread belongs to: the call a retry on this thread continues, or a new
     * one, which this thread then holds so that a retry of the hedged call leaves out what its attempts tried.
     */
    static CallAttempts hedgedCallStarting() {
        CallAttempts attempts = CURRENT.get();
        if (attempts == null || !attempts.retrying) {
            attempts = new CallAttempts();
            CURRENT.set(attempts);
        }
        return attempts;
    }

    /**
     * Runs one attempt of a hedged call on this thread until the returned handle is run: its instance joins the
     * call's tried set, and a hedge (or any attempt of a retried call) prefers an instance the call has not tried.
     */
    static Runnable hedgeAttemptStarting(CallAttempts call, boolean hedge) {
        CallAttempts previous = CURRENT.get();
        CURRENT.set(new CallAttempts(call.tried, hedge || call.retrying, true));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * The instances ({@code host:port}, unique across services) that the logical call on this thread has tried, when
     * the attempt about to choose an instance is a retry; empty otherwise.
     */
    static Set<String> triedBeforeThisRetry() {
        CallAttempts attempts = CURRENT.get();
        return attempts == null || !attempts.retrying ? Set.of() : Set.copyOf(attempts.tried);
    }
}
