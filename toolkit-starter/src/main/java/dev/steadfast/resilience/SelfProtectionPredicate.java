package dev.steadfast.resilience;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.function.Predicate;

/**
 * Recognises rejections by this service's own bulkheads, which say nothing about the health of the dependency a
 * circuit breaker guards: a breaker should ignore them rather than count them as failures.
 *
 * <p>It is the default {@code ignore-exception-predicate} of every circuit breaker. Being a predicate rather than an
 * entry of {@code ignore-exceptions}, it adds to an application's own {@code ignore-exceptions} list instead of being
 * replaced by it; an application that sets its own {@code ignore-exception-predicate} replaces it (reported at
 * start-up). Stateless and thread-safe.
 */
public class SelfProtectionPredicate implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return failure instanceof BulkheadFullException;
    }
}
