package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.ResilienceConfigurationException;
import dev.steadfast.resilience.internal.RetryBudgetPostProcessor;
import dev.steadfast.resilience.internal.RetryBudgets;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Retry budgets for every Resilience4j retry instance, served by Resilience4j's aspects and by the fast path
 * alike: the retry registry bean is wrapped so that each retry it hands out is under its instance's budget.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.retry-budget.enabled", matchIfMissing = true)
@ConditionalOnClass({RetryRegistry.class, MeterRegistry.class})
@EnableConfigurationProperties(RetryBudgetProperties.class)
public final class RetryBudgetAutoConfiguration {

    private static final String PREFIX = "steadfast.resilience.retry-budget.";

    @Bean
    @ConditionalOnMissingBean
    static RetryBudgets steadfastRetryBudgets(RetryBudgetProperties properties) {
        if (properties.getPercent() < 0) {
            throw invalid("percent", properties.getPercent(), "at least 0 (0 leaves only the reserve)");
        }
        if (properties.getWindow() == null
                || properties.getWindow().isNegative()
                || properties.getWindow().isZero()) {
            throw invalid("window", properties.getWindow(), "a positive duration, such as 10s");
        }
        if (properties.getMinRetriesPerSecond() < 0) {
            throw invalid("min-retries-per-second", properties.getMinRetriesPerSecond(), "at least 0");
        }
        return new RetryBudgets(properties.getPercent(), properties.getWindow(), properties.getMinRetriesPerSecond());
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static RetryBudgetPostProcessor steadfastRetryBudgetPostProcessor(ObjectProvider<RetryBudgets> budgets) {
        return new RetryBudgetPostProcessor(budgets);
    }

    private static ResilienceConfigurationException invalid(String property, Object value, String expected) {
        return new ResilienceConfigurationException(
                null,
                null,
                "Property '" + PREFIX + property + "' is " + value + ", which a retry budget cannot use.",
                "Set '" + PREFIX + property + "' to " + expected + ", or turn budgets off with '" + PREFIX
                        + "enabled=false'.");
    }
}
