package dev.steadfast.loadbalancer.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * The instances the logical call on this thread has tried, so that its retry can prefer another one. A logical call
 * is what Resilience4j's {@code Retry} repeats: its retry event marks the next attempt as a retry and its final
 * events end the call. Blocking clients only: a retry of a reactive call runs on whichever thread resubscribes.
 */
public final class CallAttempts {

    private static final ThreadLocal<CallAttempts> CURRENT = new ThreadLocal<>();

    private final Set<String> tried = new HashSet<>();

    private boolean retrying;

    private CallAttempts() {}

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
        if (attempts == null || !attempts.retrying) {
            attempts = new CallAttempts();
            CURRENT.set(attempts);
        }
        attempts.tried.add(instance);
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
