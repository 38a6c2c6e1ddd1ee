package dev.steadfast.resilience.internal;

import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.ConcurrencyLimiter;
import dev.steadfast.resilience.ResilienceConfigurationException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.spring6.fallback.FallbackDecorators;
import io.github.resilience4j.spring6.fallback.FallbackMethod;
import io.github.resilience4j.spring6.spelresolver.SpelResolver;
import io.github.resilience4j.spring6.timelimiter.configure.IllegalReturnTypeException;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.util.StringUtils;

/**
 * Builds, once per method, the composition of Resilience4j's own decorators that its aspects would apply to a
 * call, with instances taken from Resilience4j's registries exactly as the aspects take them: Resilience4j's
 * decorators for plain values and {@code CompletionStage}, its Reactor operators for {@code Mono} and {@code Flux},
 * and its own aspect extensions for other types they handle (RxJava).
 */
final class DecoratorChains {

    private static final Logger logger = LoggerFactory.getLogger(DecoratorChains.class);

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final ResilienceComponents components;

    private final boolean reactor;

    DecoratorChains(ResilienceComponents components) {
        this.components = components;
        this.reactor = ReturnKind.reactorAvailable(DecoratorChains.class.getClassLoader());
    }

    /** The chain for a method, given its annotations from the outermost to the innermost. */
    CheckedFunction<MethodInvocation, Object> build(Method method, List<MergedAnnotation<Annotation>> outerFirst) {
        ReturnKind kind = ReturnKind.of(method, reactor);
        SpelResolver spel = components.spelResolver();
        CheckedFunction<MethodInvocation, Object> chain = DecoratorChains::proceed;
        for (int i = outerFirst.size() - 1; i >= 0; i--) {
            MergedAnnotation<Annotation> annotation = outerFirst.get(i);
            String name = annotation.getString("name");
            String configuration = annotation.getString("configuration");
            CheckedFunction<MethodInvocation, Object> next = chain;
            if (isExpression(name)) {
                // Resolved from each call's arguments, as Resilience4j's aspects do; only such names pay for it.
                chain = call -> {
                    String resolved = spel.resolve(method, call.getArguments(), name);
                    return layer(annotation, method, resolved, configKey(resolved, configuration), kind, next)
                            .apply(call);
                };
            } else {
                String resolved = spel.resolve(method, NO_ARGUMENTS, name);
                chain = layer(annotation, method, resolved, configKey(resolved, configuration), kind, next);
            }
            String fallback = annotation.getString("fallbackMethod");
            if (!fallback.isEmpty()) {
                chain = withFallback(method, fallback, chain);
            }
        }
        return chain;
    }

    private static String configKey(String name, String configuration) {
        return configuration.isEmpty() ? name : configuration;
    }

    /** Whether Resilience4j's {@code SpelResolver} would evaluate the value rather than take it literally. */
    private static boolean isExpression(String value) {
        return value.startsWith("#") || value.startsWith("@") || value.startsWith("$");
    }

    private CheckedFunction<MethodInvocation, Object> layer(
            MergedAnnotation<Annotation> annotation,
            Method method,
            String name,
            String configKey,
            ReturnKind kind,
            CheckedFunction<MethodInvocation, Object> next) {
        Class<? extends Annotation> type = annotation.getType();
        Class<?> returnType = method.getReturnType();
        String methodName = method.getDeclaringClass().getName() + "#" + method.getName();
        AspectExtensions extensions = components.extensions();
        if (type == io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker.class) {
            CircuitBreakerRegistry registry = components.circuitBreakers();
            var breaker = registry.circuitBreaker(
                    name, registry.getConfiguration(configKey).orElseGet(registry::getDefaultConfig));
            return switch (kind) {
                case COMPLETION_STAGE -> call -> breaker.executeCompletionStage(stage(next, call));
                case REACTOR -> ReactorLayers.circuitBreaker(breaker, next);
                case OTHER ->
                    extensions
                            .circuitBreaker(returnType, breaker, methodName, next)
                            .orElseGet(() -> CircuitBreaker.decorateCheckedFunction(breaker, next));
            };
        }
        if (type == io.github.resilience4j.retry.annotation.Retry.class) {
            RetryRegistry registry = components.retries();
            var retry =
                    registry.retry(name, registry.getConfiguration(configKey).orElseGet(registry::getDefaultConfig));
            return switch (kind) {
                case COMPLETION_STAGE -> {
                    ScheduledExecutorService scheduler = components.scheduler();
                    yield call -> retry.executeCompletionStage(scheduler, stage(next, call));
                }
                case REACTOR -> ReactorLayers.retry(retry, next);
                case OTHER ->
                    extensions
                            .retry(returnType, retry, methodName, next)
                            .orElseGet(() -> Retry.decorateCheckedFunction(retry, next));
            };
        }
        if (type == io.github.resilience4j.ratelimiter.annotation.RateLimiter.class) {
            RateLimiterRegistry registry = components.rateLimiters();
            var limiter = registry.rateLimiter(
                    name, registry.getConfiguration(configKey).orElseGet(registry::getDefaultConfig));
            return switch (kind) {
                case COMPLETION_STAGE -> call -> limiter.executeCompletionStage(stage(next, call));
                case REACTOR -> ReactorLayers.rateLimiter(limiter, next);
                case OTHER ->
                    extensions
                            .rateLimiter(returnType, limiter, methodName, next)
                            .orElseGet(() -> RateLimiter.decorateCheckedFunction(limiter, next));
            };
        }
        if (type == io.github.resilience4j.timelimiter.annotation.TimeLimiter.class) {
            TimeLimiterRegistry registry = components.timeLimiters();
            var limiter = registry.timeLimiter(
                    name, registry.getConfiguration(configKey).orElseGet(registry::getDefaultConfig));
            return switch (kind) {
                case COMPLETION_STAGE -> {
                    ScheduledExecutorService scheduler = components.scheduler();
                    yield call -> limiter.executeCompletionStage(scheduler, stage(next, call));
                }
                case REACTOR -> ReactorLayers.timeLimiter(limiter, next);
                case OTHER ->
                    extensions
                            .timeLimiter(returnType, limiter, methodName, next)
                            .orElseGet(() -> call -> {
                                // Resilience4j's aspect fails each call the same way: a thread cannot be interrupted
                                // safely.
                                throw new IllegalReturnTypeException(
                                        returnType, methodName, "CompletionStage expected.");
                            });
            };
        }
        if (annotation.getEnum("type", io.github.resilience4j.bulkhead.annotation.Bulkhead.Type.class)
                == io.github.resilience4j.bulkhead.annotation.Bulkhead.Type.THREADPOOL) {
            ThreadPoolBulkheadRegistry registry = components.threadPoolBulkheads();
            var bulkhead =
                    registry.bulkhead(name, registry.getConfiguration(configKey).orElseGet(registry::getDefaultConfig));
            return kind == ReturnKind.COMPLETION_STAGE
                    ? ThreadPoolBulkheadLayers.completionStage(bulkhead, next)
                    : ThreadPoolBulkheadLayers.blocking(bulkhead, next);
        }
        BulkheadRegistry registry = components.bulkheads();
        BulkheadConfig config = registry.getConfiguration(configKey).orElseGet(registry::getDefaultConfig);
        AdaptiveBulkheads adaptive = components.adaptiveBulkheads();
        Optional<ConcurrencyLimiter> limiter = adaptive != null ? adaptive.forInstance(name) : Optional.empty();
        if (limiter.isPresent()) {
            return adaptiveBulkhead(limiter.get(), Bulkhead.of(name, config), kind, returnType, methodName, next);
        }
        var bulkhead = registry.bulkhead(name, config);
        return switch (kind) {
            case COMPLETION_STAGE -> call -> bulkhead.executeCompletionStage(stage(next, call));
            case REACTOR -> ReactorLayers.bulkhead(bulkhead, next);
            case OTHER ->
                extensions
                        .bulkhead(returnType, bulkhead, methodName, next)
                        .orElseGet(() -> Bulkhead.decorateCheckedFunction(bulkhead, next));
        };
    }

    /**
     * The layer of an adaptive bulkhead instance. Its {@code description} only names the refusals: Resilience4j's
     * semaphore is not used, and the instance is not created in the registry, whose meters would show it idle.
     */
    private CheckedFunction<MethodInvocation, Object> adaptiveBulkhead(
            ConcurrencyLimiter limiter,
            Bulkhead description,
            ReturnKind kind,
            Class<?> returnType,
            String methodName,
            CheckedFunction<MethodInvocation, Object> next) {
        return switch (kind) {
            case COMPLETION_STAGE -> AdaptiveBulkheadLayers.completionStage(limiter, description, next);
            case REACTOR -> ReactorLayers.adaptiveBulkhead(limiter, description, next);
            case OTHER -> {
                if (components
                        .extensions()
                        .bulkhead(returnType, description, methodName, next)
                        .isPresent()) {
                    throw new ResilienceConfigurationException(
                            null,
                            methodName,
                            "bulkhead '" + description.getName() + "' is adaptive, and adaptive bulkheads serve plain "
                                    + "values, CompletionStage, Mono and Flux, not " + returnType.getSimpleName() + ".",
                            "Return one of those types, or turn steadfast.resilience.bulkhead.instances."
                                    + description.getName() + ".adaptive.enabled off.");
                }
                yield AdaptiveBulkheadLayers.blocking(limiter, description, next);
            }
        };
    }

    private CheckedFunction<MethodInvocation, Object> withFallback(
            Method method, String fallback, CheckedFunction<MethodInvocation, Object> next) {
        FallbackDecorators decorators = components.fallbackDecorators();
        SpelResolver spel = components.spelResolver();
        boolean expression = isExpression(fallback);
        return call -> {
            String name = expression ? spel.resolve(method, call.getArguments(), fallback) : fallback;
            if (!StringUtils.hasLength(name)) {
                return next.apply(call);
            }
            FallbackMethod fallbackMethod;
            try {
                fallbackMethod = FallbackMethod.create(name, method, call.getArguments(), call.getThis(), proxy(call));
            } catch (NoSuchMethodException ex) {
                logger.warn("No fallback method match found", ex);
                return next.apply(call);
            }
            return decorators.decorate(fallbackMethod, () -> next.apply(call)).get();
        };
    }

    @SuppressWarnings("unchecked")
    private static Supplier<CompletionStage<Object>> stage(
            CheckedFunction<MethodInvocation, Object> next, MethodInvocation call) {
        return () -> {
            try {
                return (CompletionStage<Object>) next.apply(call);
            } catch (Throwable failure) {
                throw new CompletionException(failure);
            }
        };
    }

    /** Runs the rest of the proxy's chain; a copy each time, so that every retry attempt passes all of it again. */
    private static Object proceed(MethodInvocation call) throws Throwable {
        return call instanceof ProxyMethodInvocation proxied
                ? proxied.invocableClone().proceed()
                : call.proceed();
    }

    private static Object proxy(MethodInvocation call) {
        return call instanceof ProxyMethodInvocation proxied ? proxied.getProxy() : call.getThis();
    }
}
