package dev.steadfast.resilience.internal;

import dev.steadfast.limit.ConcurrencyLimiter;
import dev.steadfast.limit.ConcurrencyLimiter.Permit;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The layers of a chain for methods that return {@link Mono} or {@link Flux}: Resilience4j's Reactor operators
 * applied to the returned publisher, as Resilience4j's own Reactor aspect extensions apply them. Loaded only when
 * Reactor and {@code resilience4j-reactor} are present (see {@link ReturnKind}).
 */
final class ReactorLayers {

    private ReactorLayers() {}

    static CheckedFunction<MethodInvocation, Object> circuitBreaker(
            CircuitBreaker breaker, CheckedFunction<MethodInvocation, Object> next) {
        return decorate(CircuitBreakerOperator.of(breaker), next);
    }

    static CheckedFunction<MethodInvocation, Object> retry(
            Retry retry, CheckedFunction<MethodInvocation, Object> next) {
        return decorate(RetryOperator.of(retry), next);
    }

    static CheckedFunction<MethodInvocation, Object> rateLimiter(
            RateLimiter limiter, CheckedFunction<MethodInvocation, Object> next) {
        return decorate(RateLimiterOperator.of(limiter), next);
    }

    static CheckedFunction<MethodInvocation, Object> timeLimiter(
            TimeLimiter limiter, CheckedFunction<MethodInvocation, Object> next) {
        return decorate(TimeLimiterOperator.of(limiter), next);
    }

    static CheckedFunction<MethodInvocation, Object> bulkhead(
            Bulkhead bulkhead, CheckedFunction<MethodInvocation, Object> next) {
        return decorate(BulkheadOperator.of(bulkhead), next);
    }

    /**
     * An adaptive bulkhead: each subscription needs a permit of the limiter, is refused at once with
     * {@link BulkheadFullException} when the limit is reached, and holds the permit until the publisher completes
     * (a sample), fails (classified by the permit) or is cancelled (no sample).
     */
    static CheckedFunction<MethodInvocation, Object> adaptiveBulkhead(
            ConcurrencyLimiter limiter, Bulkhead description, CheckedFunction<MethodInvocation, Object> next) {
        return call -> {
            Object result = next.apply(call);
            if (result instanceof Mono<?> mono) {
                return Mono.defer(() -> {
                    Optional<Permit> acquired = limiter.tryAcquire();
                    if (acquired.isEmpty()) {
                        return Mono.error(BulkheadFullException.createBulkheadFullException(description));
                    }
                    Permit permit = acquired.get();
                    return mono.doOnSuccess(ignored -> permit.succeeded())
                            .doOnError(permit::failed)
                            .doOnCancel(permit::abandoned);
                });
            }
            if (result instanceof Flux<?> flux) {
                return Flux.defer(() -> {
                    Optional<Permit> acquired = limiter.tryAcquire();
                    if (acquired.isEmpty()) {
                        return Flux.error(BulkheadFullException.createBulkheadFullException(description));
                    }
                    Permit permit = acquired.get();
                    return flux.doOnComplete(permit::succeeded)
                            .doOnError(permit::failed)
                            .doOnCancel(permit::abandoned);
                });
            }
            return result; // null: nothing to decorate, as with Resilience4j's aspects
        };
    }

    /**
     * Applies the operator to the publisher the rest of the chain returns. Deferred per subscription, so a retry
     * re-subscribes through every inner operator and each subscriber gets its own breaker and bulkhead permits.
     */
    @SuppressWarnings("unchecked")
    private static CheckedFunction<MethodInvocation, Object> decorate(
            UnaryOperator<Publisher<Object>> operator, CheckedFunction<MethodInvocation, Object> next) {
        return call -> {
            Object result = next.apply(call);
            if (result instanceof Mono<?> mono) {
                return ((Mono<Object>) mono).transformDeferred(operator);
            }
            if (result instanceof Flux<?> flux) {
                return ((Flux<Object>) flux).transformDeferred(operator);
            }
            return result; // null: nothing to decorate, as with Resilience4j's aspects
        };
    }
}
