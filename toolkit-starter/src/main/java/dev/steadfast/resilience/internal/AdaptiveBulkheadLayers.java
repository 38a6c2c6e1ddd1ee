package dev.steadfast.resilience.internal;

import dev.steadfast.limit.ConcurrencyLimiter;
import dev.steadfast.limit.ConcurrencyLimiter.Permit;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.core.functions.CheckedFunction;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.aopalliance.intercept.MethodInvocation;

/**
 * The bulkhead layer of an adaptive bulkhead instance: the call needs a permit of the instance's adaptive limiter
 * instead of Resilience4j's semaphore, is refused at once with Resilience4j's {@link BulkheadFullException} when the
 * limit is reached (so fallbacks and breakers see what they see today), and reports how it ended, which moves the
 * limit.
 */
final class AdaptiveBulkheadLayers {

    private AdaptiveBulkheadLayers() {}

    /** For a value computed on the caller's thread: the permit is held until the method returns or throws. */
    static CheckedFunction<MethodInvocation, Object> blocking(
            ConcurrencyLimiter limiter, Bulkhead description, CheckedFunction<MethodInvocation, Object> next) {
        return call -> {
            Optional<Permit> acquired = limiter.tryAcquire();
            if (acquired.isEmpty()) {
                throw BulkheadFullException.createBulkheadFullException(description);
            }
            Permit permit = acquired.get();
            Object result;
            try {
                result = next.apply(call);
            } catch (Throwable failure) {
                permit.failed(failure);
                throw failure;
            }
            permit.succeeded();
            return result;
        };
    }

    /**
     * For a {@code CompletionStage}: the permit is held until the stage completes; a refusal is a stage failed with
     * {@link BulkheadFullException}, as from Resilience4j's {@code Bulkhead.executeCompletionStage}.
     */
    static CheckedFunction<MethodInvocation, Object> completionStage(
            ConcurrencyLimiter limiter, Bulkhead description, CheckedFunction<MethodInvocation, Object> next) {
        return call -> {
            Optional<Permit> acquired = limiter.tryAcquire();
            if (acquired.isEmpty()) {
                return CompletableFuture.failedFuture(BulkheadFullException.createBulkheadFullException(description));
            }
            Permit permit = acquired.get();
            CompletionStage<?> stage;
            try {
                stage = (CompletionStage<?>) next.apply(call);
            } catch (Throwable failure) {
                permit.failed(failure);
                return CompletableFuture.failedFuture(new CompletionException(failure));
            }
            return stage.whenComplete((result, failure) -> {
                if (failure == null) {
                    permit.succeeded();
                } else {
                    permit.failed(failure);
                }
            });
        };
    }
}
