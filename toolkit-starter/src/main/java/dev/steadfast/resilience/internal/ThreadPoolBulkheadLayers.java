package dev.steadfast.resilience.internal;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.core.functions.CheckedFunction;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.aopalliance.intercept.MethodInvocation;

/**
 * The thread-pool bulkhead layer: the rest of the chain runs on the bulkhead's own threads, as with Resilience4j's
 * {@code BulkheadAspect} for {@code @Bulkhead(type = THREADPOOL)}.
 */
final class ThreadPoolBulkheadLayers {

    private ThreadPoolBulkheadLayers() {}

    /** For a {@code CompletionStage}: the stage completes when the call on the pool does; a full pool fails it. */
    static CheckedFunction<MethodInvocation, Object> completionStage(
            ThreadPoolBulkhead bulkhead, CheckedFunction<MethodInvocation, Object> next) {
        return call -> {
            try {
                return bulkhead.executeCallable(() -> {
                    try {
                        return ((CompletionStage<?>) next.apply(call))
                                .toCompletableFuture()
                                .get();
                    } catch (ExecutionException ex) {
                        throw new CompletionException(ex.getCause());
                    } catch (InterruptedException | CancellationException ex) {
                        throw ex;
                    } catch (Throwable ex) {
                        throw new CompletionException(ex);
                    }
                });
            } catch (BulkheadFullException ex) {
                return CompletableFuture.failedFuture(ex);
            }
        };
    }

    /**
     * For any other type: the caller waits for the call on the pool, which bounds how many run at once; the call's
     * own failure (or a full pool) is thrown to the caller unwrapped.
     */
    static CheckedFunction<MethodInvocation, Object> blocking(
            ThreadPoolBulkhead bulkhead, CheckedFunction<MethodInvocation, Object> next) {
        return call -> {
            try {
                return bulkhead.executeCallable(() -> {
                            try {
                                return next.apply(call);
                            } catch (Throwable ex) {
                                throw new CompletionException(ex);
                            }
                        })
                        .toCompletableFuture()
                        .get();
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                throw cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
            }
        };
    }
}
