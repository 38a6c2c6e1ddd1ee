package dev.steadfast.resilience.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link RetryBudget} per Resilience4j retry instance name, with its meters: {@code steadfast.retry.budget.denied}
 * and {@code steadfast.retry.budget.available}, tagged with the instance name. Budgets are created on first use, so
 * the meters of an instance appear with its first call, in every registry bound so far.
 */
public final class RetryBudgets implements MeterBinder {

    private final double percent;
    private final Duration window;
    private final int minRetriesPerSecond;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    /** Budgets that let retries add {@code percent} % of the calls of the last {@code window}, plus a reserve. */
    public RetryBudgets(double percent, Duration window, int minRetriesPerSecond) {
        this.percent = percent;
        this.window = window;
        this.minRetriesPerSecond = minRetriesPerSecond;
    }

    /** The budget of a retry instance. */
    public Budget budget(String name) {
        Budget budget = budgets.get(name);
        return budget != null ? budget : budgets.computeIfAbsent(name, this::create);
    }

    private Budget create(String name) {
        Budget budget = new Budget(name, new RetryBudget(percent, window, minRetriesPerSecond, System::nanoTime));
        registries.forEach(budget::register);
        return budget;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        budgets.values().forEach(budget -> budget.register(registry));
    }

    /** A budget and the counter of the retries it denied. */
    public static final class Budget {

        private final String name;
        private final RetryBudget budget;
        private final List<Counter> denied = new CopyOnWriteArrayList<>();

        Budget(String name, RetryBudget budget) {
            this.name = name;
            this.budget = budget;
        }

        void deposit() {
            budget.deposit();
        }

        boolean tryWithdraw() {
            if (budget.tryWithdraw()) {
                return true;
            }
            denied.forEach(Counter::increment);
            return false;
        }

        /** The number of retries the budget would allow now. */
        public long available() {
            return budget.available();
        }

        private void register(MeterRegistry registry) {
            denied.add(Counter.builder("steadfast.retry.budget.denied")
                    .description("Retries the retry budget denied: the call failed with its last failure at once")
                    .tag("name", name)
                    .register(registry));
            Gauge.builder("steadfast.retry.budget.available", budget, RetryBudget::available)
                    .description("Retries the retry budget would allow now")
                    .tag("name", name)
                    .register(registry);
        }
    }
}
