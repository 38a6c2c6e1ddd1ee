package dev.steadfast.resilience.internal;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.spring6.bulkhead.configure.BulkheadAspectExt;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspectExt;
import io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterAspectExt;
import io.github.resilience4j.spring6.retry.configure.RetryAspectExt;
import io.github.resilience4j.spring6.timelimiter.configure.TimeLimiterAspectExt;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.Optional;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Resilience4j's own aspect extensions (the beans its aspects consult for return types such as RxJava's), used for
 * the return types that the fast path has no operators of its own for: such a method gets exactly the handling
 * Resilience4j's aspects would give it, inside Steadfast's chain and order. Looked up on first use, like the
 * registries.
 */
public final class AspectExtensions {

    private final ObjectProvider<CircuitBreakerAspectExt> circuitBreakers;
    private final ObjectProvider<RetryAspectExt> retries;
    private final ObjectProvider<RateLimiterAspectExt> rateLimiters;
    private final ObjectProvider<TimeLimiterAspectExt> timeLimiters;
    private final ObjectProvider<BulkheadAspectExt> bulkheads;

    /** Creates the lookup over the given providers. */
    public AspectExtensions(
            ObjectProvider<CircuitBreakerAspectExt> circuitBreakers,
            ObjectProvider<RetryAspectExt> retries,
            ObjectProvider<RateLimiterAspectExt> rateLimiters,
            ObjectProvider<TimeLimiterAspectExt> timeLimiters,
            ObjectProvider<BulkheadAspectExt> bulkheads) {
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.rateLimiters = rateLimiters;
        this.timeLimiters = timeLimiters;
        this.bulkheads = bulkheads;
    }

    Optional<CheckedFunction<MethodInvocation, Object>> circuitBreaker(
            Class<?> returnType,
            CircuitBreaker breaker,
            String methodName,
            CheckedFunction<MethodInvocation, Object> next) {
        return circuitBreakers
                .orderedStream()
                .filter(ext -> ext.canHandleReturnType(returnType))
                .findFirst()
                .map(ext -> call -> ext.handle(new ChainJoinPoint(call, next), breaker, methodName));
    }

    Optional<CheckedFunction<MethodInvocation, Object>> retry(
            Class<?> returnType, Retry retry, String methodName, CheckedFunction<MethodInvocation, Object> next) {
        return retries.orderedStream()
                .filter(ext -> ext.canHandleReturnType(returnType))
                .findFirst()
                .map(ext -> call -> ext.handle(new ChainJoinPoint(call, next), retry, methodName));
    }

    Optional<CheckedFunction<MethodInvocation, Object>> rateLimiter(
            Class<?> returnType,
            RateLimiter limiter,
            String methodName,
            CheckedFunction<MethodInvocation, Object> next) {
        return rateLimiters
                .orderedStream()
                .filter(ext -> ext.canHandleReturnType(returnType))
                .findFirst()
                .map(ext -> call -> ext.handle(new ChainJoinPoint(call, next), limiter, methodName));
    }

    Optional<CheckedFunction<MethodInvocation, Object>> timeLimiter(
            Class<?> returnType,
            TimeLimiter limiter,
            String methodName,
            CheckedFunction<MethodInvocation, Object> next) {
        return timeLimiters
                .orderedStream()
                .filter(ext -> ext.canHandleReturnType(returnType))
                .findFirst()
                .map(ext -> call -> ext.handle(new ChainJoinPoint(call, next), limiter, methodName));
    }

    Optional<CheckedFunction<MethodInvocation, Object>> bulkhead(
            Class<?> returnType, Bulkhead bulkhead, String methodName, CheckedFunction<MethodInvocation, Object> next) {
        return bulkheads
                .orderedStream()
                .filter(ext -> ext.canHandleReturnType(returnType))
                .findFirst()
                .map(ext -> call -> ext.handle(new ChainJoinPoint(call, next), bulkhead, methodName));
    }
}
