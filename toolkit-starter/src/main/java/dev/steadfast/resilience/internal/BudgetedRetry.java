package dev.steadfast.resilience.internal;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * A Resilience4j {@link Retry} whose calls deposit into a {@link RetryBudget} and whose retries withdraw from it.
 * A retry the budget denies does not happen: the call fails at once with the failure of its last attempt (or
 * returns its last result), without the wait. Resilience4j's own retry then sees neither that failure nor an
 * event for it; the denial is counted by {@code steadfast.retry.budget.denied}.
 *
 * <p>Every way Resilience4j drives a retry (its decorators, its aspects, its Reactor operators) goes through
 * {@link #context()} or {@link #asyncContext()}, which is where the budget is consulted.
 */
final class BudgetedRetry implements Retry {

    private final Retry delegate;
    private final RetryBudgets.Budget budget;

    BudgetedRetry(Retry delegate, RetryBudgets.Budget budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    Retry delegate() {
        return delegate;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public <T> Context<T> context() {
        budget.deposit();
        return new BudgetedContext<>(delegate.context(), new Attempts(delegate.getRetryConfig(), budget));
    }

    @Override
    public <T> AsyncContext<T> asyncContext() {
        budget.deposit();
        return new BudgetedAsyncContext<>(delegate.asyncContext(), new Attempts(delegate.getRetryConfig(), budget));
    }

    @Override
    public RetryConfig getRetryConfig() {
        return delegate.getRetryConfig();
    }

    @Override
    public Map<String, String> getTags() {
        return delegate.getTags();
    }

    @Override
    public EventPublisher getEventPublisher() {
        return delegate.getEventPublisher();
    }

    @Override
    public Metrics getMetrics() {
        return delegate.getMetrics();
    }

    /**
     * Tells, for one call, whether Resilience4j would retry after an outcome (the same test its context makes:
     * the predicate, then the number of attempts), and if so whether the budget pays for it.
     */
    private static final class Attempts {

        private final RetryConfig config;
        private final RetryBudgets.Budget budget;
        private int failedAttempts;

        Attempts(RetryConfig config, RetryBudgets.Budget budget) {
            this.config = config;
            this.budget = budget;
        }

        boolean deniedAfterFailure(Throwable failure) {
            Throwable cause = failure instanceof CompletionException || failure instanceof ExecutionException
                    ? failure.getCause()
                    : failure;
            return config.getExceptionPredicate().test(cause) && denied();
        }

        boolean deniedAfterResult(Object result) {
            @SuppressWarnings("unchecked")
            Predicate<Object> predicate = (Predicate<Object>) config.getResultPredicate();
            return predicate != null && predicate.test(result) && denied();
        }

        private boolean denied() {
            failedAttempts++;
            if (failedAttempts >= config.getMaxAttempts()) {
                return false; // Resilience4j gives up by itself: no retry to pay for.
            }
            return !budget.tryWithdraw();
        }
    }

    private record BudgetedContext<T>(Context<T> delegate, Attempts attempts) implements Context<T> {

        @Override
        public void onComplete() {
            delegate.onComplete();
        }

        @Override
        public boolean onResult(T result) {
            return !attempts.deniedAfterResult(result) && delegate.onResult(result);
        }

        @Override
        public void onError(Exception exception) throws Exception {
            if (attempts.deniedAfterFailure(exception)) {
                throw exception;
            }
            delegate.onError(exception);
        }

        @Override
        public void onRuntimeError(RuntimeException exception) {
            if (attempts.deniedAfterFailure(exception)) {
                throw exception;
            }
            delegate.onRuntimeError(exception);
        }
    }

    private record BudgetedAsyncContext<T>(AsyncContext<T> delegate, Attempts attempts) implements AsyncContext<T> {

        @Override
        public void onComplete() {
            delegate.onComplete();
        }

        @Override
        public long onError(Throwable throwable) {
            // A negative delay is how Resilience4j's asynchronous retry and its operators are told not to retry.
            return attempts.deniedAfterFailure(throwable) ? -1 : delegate.onError(throwable);
        }

        @Override
        public long onResult(T result) {
            return attempts.deniedAfterResult(result) ? -1 : delegate.onResult(result);
        }
    }
}
