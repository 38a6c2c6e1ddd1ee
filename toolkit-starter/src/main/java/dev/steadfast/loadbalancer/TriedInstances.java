package dev.steadfast.loadbalancer;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The instances one logical call has tried (each as {@code host:port}), so that its next attempt, a retry or a hedge,
 * goes to an instance the call has not tried while the service has one that is not ejected. Thread-safe: attempts of
 * one call may run on different threads (reactive retries) or at the same time (hedges).
 *
 * <p>The starter keeps one per logical call by itself in two cases: for clients built from a
 * {@code @LoadBalanced WebClient.Builder}, as the request attribute {@link #ATTRIBUTE}, set when the request is built
 * and shared by every subscription of it (so Resilience4j's {@code @Retry}, which resubscribes the same
 * {@code Mono}, goes elsewhere); and for blocking clients under Resilience4j's {@code @Retry}, on the calling thread.
 * Code that runs further attempts of one call itself, such as a hedge, creates one with {@link #newCall()} and either
 * sets it as the request attribute {@link #ATTRIBUTE} of each WebClient attempt, or puts it under the key
 * {@link #ATTRIBUTE} into the Reactor context of each attempt's subscription (it wins over the request's own), or runs
 * each blocking attempt inside {@link #call(Supplier)} on the attempt's thread (Spring Cloud LoadBalancer does not pass
 * RestClient or RestTemplate request attributes on to the load balancer). {@code @Hedge} does the last two itself. The
 * load balancer records an attempt's instance as soon as it has chosen it, so a hedge started while the first attempt
 * is under way already avoids that attempt's instance.
 */
public final class TriedInstances {

    /**
     * The request attribute, and the Reactor context key, under which a call's {@code TriedInstances} travels with each
     * of its attempts.
     */
    public static final String ATTRIBUTE = TriedInstances.class.getName();

    private static final ThreadLocal<TriedInstances> ON_THREAD = new ThreadLocal<>();

    private final Set<String> tried = ConcurrentHashMap.newKeySet();

    private TriedInstances() {}

    /** An empty record for a new logical call. */
    public static TriedInstances newCall() {
        return new TriedInstances();
    }

    /** The record that {@link #call(Supplier)} binds to the current thread, if any. */
    public static Optional<TriedInstances> onThisThread() {
        return Optional.ofNullable(ON_THREAD.get());
    }

    /** The instances tried so far, as {@code host:port}. */
    public Set<String> instances() {
        return Set.copyOf(tried);
    }

    /** Records that an attempt of this call went to the instance ({@code host:port}). */
    public void attempted(String instance) {
        tried.add(instance);
    }

    /** Runs one blocking attempt of this call on the current thread: its instance choice reads and adds to this. */
    public <T> T call(Supplier<T> attempt) {
        TriedInstances outer = ON_THREAD.get();
        ON_THREAD.set(this);
        try {
            return attempt.get();
        } finally {
            if (outer == null) {
                ON_THREAD.remove();
            } else {
                ON_THREAD.set(outer);
            }
        }
    }
}
