package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.TriedInstances;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;

/**
 * The instances the logical call on this thread has tried, so that its retry can prefer another one. A logical call
 * is what Resilience4j's {@code Retry} repeats: its retry event marks the next attempt as a retry and its final
 * events end the call. Blocking clients only: a retry of a reactive call runs on whichever thread resubscribes, so
 * there the call's {@link TriedInstances} travels as a request attribute instead, and it wins when present (as does
 * one bound to the thread by {@link TriedInstances#call}). A hedged call takes the record of the call on its thread
 * (see {@link #callStarting()}), so that its attempts, bound to it on their own threads, and a retry of it share one.
 */
public final class CallAttempts {

    private static final ThreadLocal<CallAttempts> CURRENT = new ThreadLocal<>();

    private final TriedInstances tried = TriedInstances.newCall();

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

    /**
     * An attempt goes to the instance ({@code host:port}): recorded in the call's {@link TriedInstances} when the
     * request carries one (or the thread has one bound), else on this thread, where a first attempt starts a call.
     */
    static void attempting(Request<?> request, String instance) {
        TriedInstances explicit = explicit(request);
        if (explicit != null) {
            explicit.attempted(instance);
        } else {
            attempting(instance);
        }
    }

    /** The instances to avoid when choosing one for this request: see {@link #attempting(Request, String)}. */
    static Set<String> triedFor(Request<?> request) {
        TriedInstances explicit = explicit(request);
        return explicit != null ? explicit.instances() : triedBeforeThisRetry();
    }

    private static TriedInstances explicit(Request<?> request) {
        if (request != null && request.getContext() instanceof RequestDataContext context) {
            RequestData data = context.getClientRequest();
            Map<String, Object> attributes = data == null ? null : data.getAttributes();
            if (attributes != null && attributes.get(TriedInstances.ATTRIBUTE) instanceof TriedInstances tried) {
                return tried;
            }
        }
        return TriedInstances.onThisThread().orElse(null);
    }

    private static void attempting(String instance) {
        CallAttempts attempts = CURRENT.get();
        if (attempts == null || !attempts.retrying) {
            attempts = new CallAttempts();
            CURRENT.set(attempts);
        }
        attempts.tried.attempted(instance);
    }

    /**
     * The record of the logical call that a call starting on this thread belongs to, for a call whose attempts run
     * bound to it on other threads (a hedged call): the record bound to this thread, else that of the call a retry on
     * this thread continues, else a new one, which this thread then holds, so that a retry of the whole call (under
     * {@code @Retry}) leaves out every instance its attempts tried.
     */
    static TriedInstances callStarting() {
        return TriedInstances.onThisThread().orElseGet(() -> {
            CallAttempts attempts = CURRENT.get();
            if (attempts == null || !attempts.retrying) {
                attempts = new CallAttempts();
                CURRENT.set(attempts);
            }
            return attempts.tried;
        });
    }

    /**
     * The instances ({@code host:port}, unique across services) that the logical call on this thread has tried, when
     * the attempt about to choose an instance is a retry; empty otherwise.
     */
    private static Set<String> triedBeforeThisRetry() {
        CallAttempts attempts = CURRENT.get();
        return attempts == null || !attempts.retrying ? Set.of() : attempts.tried.instances();
    }
}
