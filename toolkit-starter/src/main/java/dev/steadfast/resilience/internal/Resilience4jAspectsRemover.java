package dev.steadfast.resilience.internal;

import java.util.List;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.type.MethodMetadata;

/**
 * Removes the aspect beans that Resilience4j's own auto-configuration defines, so that methods served by
 * {@link ResilienceInterceptor} are not decorated twice and pay no per-call pointcut test. Beans of those types that
 * the application declares itself are kept.
 */
public final class Resilience4jAspectsRemover implements BeanFactoryPostProcessor {

    private static final List<String> ASPECTS = List.of(
            "io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect",
            "io.github.resilience4j.spring6.retry.configure.RetryAspect",
            "io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterAspect",
            "io.github.resilience4j.spring6.timelimiter.configure.TimeLimiterAspect",
            "io.github.resilience4j.spring6.bulkhead.configure.BulkheadAspect");

    private static final String RESILIENCE4J_CONFIGURATION_PACKAGE = "io.github.resilience4j.springboot.";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
            return;
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (isResilience4jAspect(definition)) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    private static boolean isResilience4jAspect(BeanDefinition definition) {
        if (!(definition instanceof AnnotatedBeanDefinition annotated)
                || annotated.getFactoryMethodMetadata() == null) {
            return false;
        }
        MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
        return factoryMethod.getDeclaringClassName().startsWith(RESILIENCE4J_CONFIGURATION_PACKAGE)
                && ASPECTS.contains(factoryMethod.getReturnTypeName());
    }
}
