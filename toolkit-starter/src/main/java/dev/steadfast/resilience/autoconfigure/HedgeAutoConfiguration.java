package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.Hedge;
import dev.steadfast.resilience.HedgedCallListener;
import dev.steadfast.resilience.internal.HedgeAnnotationValidator;
import dev.steadfast.resilience.internal.HedgeDelays;
import dev.steadfast.resilience.internal.HedgeInterceptor;
import dev.steadfast.resilience.internal.HedgeRecorder;
import dev.steadfast.resilience.internal.RetryBudgets;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * Hedged requests for {@link Hedge} methods: an advisor innermost of all (inside Resilience4j's annotations, so a
 * breaker, retry or bulkhead sees one outcome per hedged call), drawing from the retry budgets when they are on.
 */
@AutoConfiguration(after = RetryBudgetAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.hedge.enabled", matchIfMissing = true)
@ConditionalOnClass(Advisor.class)
@EnableConfigurationProperties(HedgeProperties.class)
public final class HedgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static HedgeAnnotationValidator hedgeAnnotationValidator() {
        return new HedgeAnnotationValidator();
    }

    /** Built (and checked, so that a bad value stops the start) with the other singletons. */
    @Bean
    @ConditionalOnMissingBean
    static HedgeDelays steadfastHedgeDelays(HedgeProperties properties) {
        return HedgeDelaysFactory.create(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static HedgeInterceptor steadfastHedgeInterceptor(
            ObjectProvider<HedgeDelays> delays,
            ObjectProvider<RetryBudgets> budgets,
            ObjectProvider<HedgedCallListener> listeners,
            ObjectProvider<HedgeRecorder> recorder) {
        // All looked up on first call: the interceptor is created with the proxies, before properties are bound.
        return new HedgeInterceptor(delays::getObject, budgets, listeners, recorder);
    }

    @Bean
    @ConditionalOnMissingBean(name = "steadfastHedgeAdvisor")
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor steadfastHedgeAdvisor(ObjectProvider<HedgeInterceptor> interceptor) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(null, Hedge.class, true), interceptor.getObject());
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
        return advisor;
    }
}
