package dev.steadfast.resilience.internal;

import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Puts Resilience4j's retry registry bean (Resilience4j's own or the application's) under retry budgets. */
public final class RetryBudgetPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<RetryBudgets> budgets;

    /** Wraps with the budgets looked up when the registry is created (not before: they bind properties). */
    public RetryBudgetPostProcessor(ObjectProvider<RetryBudgets> budgets) {
        this.budgets = budgets;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RetryRegistry registry && !(bean instanceof BudgetedRetryRegistry)) {
            return new BudgetedRetryRegistry(registry, budgets.getObject());
        }
        return bean;
    }
}
