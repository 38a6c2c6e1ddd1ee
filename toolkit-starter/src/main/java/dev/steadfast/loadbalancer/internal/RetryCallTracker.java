package dev.steadfast.loadbalancer.internal;

import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Tells {@link CallAttempts} where Resilience4j's retries begin and end a logical call. A synchronous retry publishes
 * its events on the calling thread: the retry event before it waits and tries again, the success, error and
 * ignored-error events when the call is over. A call that succeeds at once publishes nothing; its next call starts
 * afresh anyway.
 */
public final class RetryCallTracker implements SmartInitializingSingleton {

    private final RetryRegistry registry;

    public RetryCallTracker(RetryRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registry.getAllRetries().forEach(RetryCallTracker::track);
        registry.getEventPublisher().onEntryAdded((EntryAddedEvent<Retry> event) -> track(event.getAddedEntry()));
    }

    private static void track(Retry retry) {
        retry.getEventPublisher()
                .onRetry(event -> CallAttempts.retryFollows())
                .onSuccess(event -> CallAttempts.callEnded())
                .onError(event -> CallAttempts.callEnded())
                .onIgnoredError(event -> CallAttempts.callEnded());
    }
}
