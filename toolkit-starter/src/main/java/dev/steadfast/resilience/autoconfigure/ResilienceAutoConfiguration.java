package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.SteadfastProperties;
import dev.steadfast.resilience.internal.ResilienceAnnotationValidator;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.lang.annotation.Annotation;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Resilience layer over Resilience4j: start-up checks of annotated beans. The defaults themselves are
 * environment properties added by {@code ResilienceDefaultsEnvironmentPostProcessor}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.enabled", matchIfMissing = true)
@ConditionalOnClass({CircuitBreakerRegistry.class, CircuitBreaker.class})
@EnableConfigurationProperties({SteadfastProperties.class, ResilienceProperties.class})
public final class ResilienceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static ResilienceAnnotationValidator resilienceAnnotationValidator(Environment environment) {
        boolean fastPath = Binder.get(environment)
                .bind("steadfast.resilience.fast-path.enabled", Boolean.class)
                .orElse(true);
        return new ResilienceAnnotationValidator(aspectOrders(environment), fastPath);
    }

    static Map<Class<? extends Annotation>, Integer> aspectOrders(Environment environment) {
        Binder binder = Binder.get(environment);
        // Resilience4j's own defaults apply when neither the application nor Steadfast set an order.
        return Map.of(
                Retry.class, order(binder, "resilience4j.retry.retry-aspect-order", 5),
                CircuitBreaker.class, order(binder, "resilience4j.circuitbreaker.circuit-breaker-aspect-order", 4),
                RateLimiter.class, order(binder, "resilience4j.ratelimiter.rate-limiter-aspect-order", 3),
                TimeLimiter.class, order(binder, "resilience4j.timelimiter.time-limiter-aspect-order", 2),
                Bulkhead.class, order(binder, "resilience4j.bulkhead.bulkhead-aspect-order", 1));
    }

    private static int order(Binder binder, String property, int belowLowest) {
        return binder.bind(property, Integer.class).orElse(Ordered.LOWEST_PRECEDENCE - belowLowest);
    }
}
