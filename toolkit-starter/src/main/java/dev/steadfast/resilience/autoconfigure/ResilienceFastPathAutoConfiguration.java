package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.resilience.internal.AspectExtensions;
import dev.steadfast.resilience.internal.Resilience4jAspectsRemover;
import dev.steadfast.resilience.internal.ResilienceAnnotationPointcut;
import dev.steadfast.resilience.internal.ResilienceComponents;
import dev.steadfast.resilience.internal.ResilienceInterceptor;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.core.ContextAwareScheduledThreadPoolExecutor;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.spring6.bulkhead.configure.BulkheadAspectExt;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspectExt;
import io.github.resilience4j.spring6.fallback.FallbackDecorators;
import io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterAspectExt;
import io.github.resilience4j.spring6.retry.configure.RetryAspectExt;
import io.github.resilience4j.spring6.spelresolver.SpelResolver;
import io.github.resilience4j.spring6.timelimiter.configure.TimeLimiterAspectExt;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Map;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Serves Resilience4j's annotations through one Spring AOP advisor whose pointcut matches statically and whose
 * interceptor caches, per method, the chain of Resilience4j's decorators; Resilience4j's own aspect beans are
 * removed so that no method is decorated twice.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.fast-path.enabled", matchIfMissing = true)
@ConditionalOnClass({CircuitBreakerRegistry.class, CircuitBreaker.class, FallbackDecorators.class, Advisor.class})
public final class ResilienceFastPathAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static Resilience4jAspectsRemover resilience4jAspectsRemover() {
        return new Resilience4jAspectsRemover();
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ResilienceComponents steadfastResilienceComponents(
            ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
            ObjectProvider<RetryRegistry> retries,
            ObjectProvider<RateLimiterRegistry> rateLimiters,
            ObjectProvider<TimeLimiterRegistry> timeLimiters,
            ObjectProvider<BulkheadRegistry> bulkheads,
            ObjectProvider<ThreadPoolBulkheadRegistry> threadPoolBulkheads,
            ObjectProvider<SpelResolver> spelResolver,
            ObjectProvider<FallbackDecorators> fallbackDecorators,
            ObjectProvider<ContextAwareScheduledThreadPoolExecutor> scheduler,
            ObjectProvider<AdaptiveBulkheads> adaptiveBulkheads,
            ObjectProvider<CircuitBreakerAspectExt> circuitBreakerExtensions,
            ObjectProvider<RetryAspectExt> retryExtensions,
            ObjectProvider<RateLimiterAspectExt> rateLimiterExtensions,
            ObjectProvider<TimeLimiterAspectExt> timeLimiterExtensions,
            ObjectProvider<BulkheadAspectExt> bulkheadExtensions) {
        return new ResilienceComponents(
                circuitBreakers,
                retries,
                rateLimiters,
                timeLimiters,
                bulkheads,
                threadPoolBulkheads,
                spelResolver,
                fallbackDecorators,
                scheduler,
                adaptiveBulkheads,
                new AspectExtensions(
                        circuitBreakerExtensions,
                        retryExtensions,
                        rateLimiterExtensions,
                        timeLimiterExtensions,
                        bulkheadExtensions));
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ResilienceInterceptor steadfastResilienceInterceptor(
            Environment environment, ObjectProvider<ResilienceComponents> components) {
        return new ResilienceInterceptor(ResilienceAutoConfiguration.aspectOrders(environment), components.getObject());
    }

    @Bean
    @ConditionalOnMissingBean(name = "steadfastResilienceAdvisor")
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor steadfastResilienceAdvisor(
            Environment environment, ObjectProvider<ResilienceInterceptor> interceptor) {
        DefaultPointcutAdvisor advisor =
                new DefaultPointcutAdvisor(new ResilienceAnnotationPointcut(), interceptor.getObject());
        // Where Resilience4j's outermost aspect would sit among the application's other advisors.
        Map<Class<? extends Annotation>, Integer> orders = ResilienceAutoConfiguration.aspectOrders(environment);
        advisor.setOrder(Collections.min(orders.values()));
        return advisor;
    }
}
