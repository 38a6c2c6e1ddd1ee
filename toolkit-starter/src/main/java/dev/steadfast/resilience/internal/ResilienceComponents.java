package dev.steadfast.resilience.internal;

import dev.steadfast.limit.AdaptiveBulkheads;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.ContextAwareScheduledThreadPoolExecutor;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.spring6.fallback.FallbackDecorators;
import io.github.resilience4j.spring6.spelresolver.SpelResolver;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Resilience4j's registries and helpers, looked up on first use: the interceptor is created with the proxies,
 * before the registries, and must not pull them forward past their own post-processing (metrics, events).
 */
public final class ResilienceComponents implements DisposableBean {

    private final ObjectProvider<CircuitBreakerRegistry> circuitBreakers;
    private final ObjectProvider<RetryRegistry> retries;
    private final ObjectProvider<RateLimiterRegistry> rateLimiters;
    private final ObjectProvider<TimeLimiterRegistry> timeLimiters;
    private final ObjectProvider<BulkheadRegistry> bulkheads;
    private final ObjectProvider<ThreadPoolBulkheadRegistry> threadPoolBulkheads;
    private final AspectExtensions extensions;
    private final ObjectProvider<SpelResolver> spelResolver;
    private final ObjectProvider<FallbackDecorators> fallbackDecorators;
    private final ObjectProvider<ContextAwareScheduledThreadPoolExecutor> sharedScheduler;
    private final ObjectProvider<AdaptiveBulkheads> adaptiveBulkheads;
    private ScheduledExecutorService ownScheduler;

    /** Creates the lookup over the given providers. */
    public ResilienceComponents(
            ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
            ObjectProvider<RetryRegistry> retries,
            ObjectProvider<RateLimiterRegistry> rateLimiters,
            ObjectProvider<TimeLimiterRegistry> timeLimiters,
            ObjectProvider<BulkheadRegistry> bulkheads,
            ObjectProvider<ThreadPoolBulkheadRegistry> threadPoolBulkheads,
            ObjectProvider<SpelResolver> spelResolver,
            ObjectProvider<FallbackDecorators> fallbackDecorators,
            ObjectProvider<ContextAwareScheduledThreadPoolExecutor> sharedScheduler,
            ObjectProvider<AdaptiveBulkheads> adaptiveBulkheads,
            AspectExtensions extensions) {
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.rateLimiters = rateLimiters;
        this.timeLimiters = timeLimiters;
        this.bulkheads = bulkheads;
        this.threadPoolBulkheads = threadPoolBulkheads;
        this.extensions = extensions;
        this.spelResolver = spelResolver;
        this.fallbackDecorators = fallbackDecorators;
        this.sharedScheduler = sharedScheduler;
        this.adaptiveBulkheads = adaptiveBulkheads;
    }

    CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers.getObject();
    }

    RetryRegistry retries() {
        return retries.getObject();
    }

    RateLimiterRegistry rateLimiters() {
        return rateLimiters.getObject();
    }

    TimeLimiterRegistry timeLimiters() {
        return timeLimiters.getObject();
    }

    BulkheadRegistry bulkheads() {
        return bulkheads.getObject();
    }

    ThreadPoolBulkheadRegistry threadPoolBulkheads() {
        return threadPoolBulkheads.getObject();
    }

    /** The adaptive bulkheads, or {@code null} when adaptive limits are not configured (no concurrency-limits). */
    AdaptiveBulkheads adaptiveBulkheads() {
        return adaptiveBulkheads.getIfAvailable();
    }

    AspectExtensions extensions() {
        return extensions;
    }

    SpelResolver spelResolver() {
        return spelResolver.getObject();
    }

    FallbackDecorators fallbackDecorators() {
        return fallbackDecorators.getObject();
    }

    /** The scheduler of asynchronous retries and time limits: Resilience4j's shared one, else one of our own. */
    synchronized ScheduledExecutorService scheduler() {
        ContextAwareScheduledThreadPoolExecutor shared = sharedScheduler.getIfAvailable();
        if (shared != null) {
            return shared;
        }
        if (ownScheduler == null) {
            // The same fallback as Resilience4j's RetryAspect and TimeLimiterAspect.
            ownScheduler = Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors());
        }
        return ownScheduler;
    }

    @Override
    public synchronized void destroy() {
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }
}
