package dev.steadfast.resilience.internal;

import io.github.resilience4j.core.Registry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Resilience4j's retry registry, handing out its retries wrapped in their budget. Both Resilience4j's
 * {@code RetryAspect} and Steadfast's fast path take their retries from the registry bean, so wrapping the registry
 * puts every {@code @Retry} instance under a budget whichever of them serves it. Everything else (configurations,
 * events, {@link #getAllRetries()} for metrics and the actuator) is Resilience4j's registry, unchanged.
 */
final class BudgetedRetryRegistry implements RetryRegistry {

    private final RetryRegistry delegate;
    private final RetryBudgets budgets;
    private final Map<String, BudgetedRetry> wrapped = new ConcurrentHashMap<>();

    BudgetedRetryRegistry(RetryRegistry delegate, RetryBudgets budgets) {
        this.delegate = delegate;
        this.budgets = budgets;
    }

    private Retry budgeted(Retry retry) {
        BudgetedRetry current = wrapped.get(retry.getName());
        if (current != null && current.delegate() == retry) {
            return current;
        }
        // First use, or the instance was replaced in the registry: the budget stays, it belongs to the name.
        BudgetedRetry fresh = new BudgetedRetry(retry, budgets.budget(retry.getName()));
        wrapped.put(retry.getName(), fresh);
        return fresh;
    }

    @Override
    public Set<Retry> getAllRetries() {
        return delegate.getAllRetries();
    }

    @Override
    public Retry retry(String name) {
        return budgeted(delegate.retry(name));
    }

    @Override
    public Retry retry(String name, Map<String, String> tags) {
        return budgeted(delegate.retry(name, tags));
    }

    @Override
    public Retry retry(String name, RetryConfig config) {
        return budgeted(delegate.retry(name, config));
    }

    @Override
    public Retry retry(String name, RetryConfig config, Map<String, String> tags) {
        return budgeted(delegate.retry(name, config, tags));
    }

    @Override
    public Retry retry(String name, Supplier<RetryConfig> config) {
        return budgeted(delegate.retry(name, config));
    }

    @Override
    public Retry retry(String name, Supplier<RetryConfig> config, Map<String, String> tags) {
        return budgeted(delegate.retry(name, config, tags));
    }

    @Override
    public Retry retry(String name, String configName) {
        return budgeted(delegate.retry(name, configName));
    }

    @Override
    public Retry retry(String name, String configName, Map<String, String> tags) {
        return budgeted(delegate.retry(name, configName, tags));
    }

    @Override
    public void addConfiguration(String name, RetryConfig config) {
        delegate.addConfiguration(name, config);
    }

    @Override
    public Optional<Retry> find(String name) {
        return delegate.find(name);
    }

    @Override
    public Optional<Retry> remove(String name) {
        return delegate.remove(name);
    }

    @Override
    public Optional<Retry> replace(String name, Retry retry) {
        return delegate.replace(name, retry);
    }

    @Override
    public Optional<RetryConfig> getConfiguration(String name) {
        return delegate.getConfiguration(name);
    }

    @Override
    public RetryConfig getDefaultConfig() {
        return delegate.getDefaultConfig();
    }

    @Override
    public Map<String, String> getTags() {
        return delegate.getTags();
    }

    @Override
    public Registry.EventPublisher<Retry> getEventPublisher() {
        return delegate.getEventPublisher();
    }

    @Override
    public RetryConfig removeConfiguration(String name) {
        return delegate.removeConfiguration(name);
    }
}
