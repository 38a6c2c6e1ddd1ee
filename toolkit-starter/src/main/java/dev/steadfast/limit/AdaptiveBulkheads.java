package dev.steadfast.limit;

import java.util.Optional;

/**
 * The adaptive limiters of Resilience4j bulkhead instances: the fast path asks, once per annotated method, whether
 * its {@code @Bulkhead} instance is adaptive and, if so, admits calls through the returned limiter instead of
 * Resilience4j's semaphore.
 */
public interface AdaptiveBulkheads {

    /**
     * The limiter of a bulkhead instance, created on first request and the same afterwards.
     *
     * @param name the bulkhead instance's name, as on {@code @Bulkhead(name = ...)}
     * @return the limiter, or empty when the instance is not adaptive
     */
    Optional<ConcurrencyLimiter> forInstance(String name);
}
