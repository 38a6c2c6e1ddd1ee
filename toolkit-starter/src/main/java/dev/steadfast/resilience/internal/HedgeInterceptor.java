package dev.steadfast.resilience.internal;

import dev.steadfast.resilience.Hedge;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Serves {@link Hedge}: each attempt runs the rest of the proxy's chain again. Methods returning a
 * {@code CompletionStage} hedge their own asynchronous calls, methods returning a {@code Mono} hedge each
 * subscription (see {@link MonoHedging}); synchronous methods run their attempts on this interceptor's threads while
 * the caller waits, and a losing attempt's thread is interrupted.
 */
public final class HedgeInterceptor implements MethodInterceptor, DisposableBean {

    private static final boolean REACTOR_PRESENT =
            ClassUtils.isPresent("reactor.core.publisher.Mono", HedgeInterceptor.class.getClassLoader());

    private final Supplier<HedgeDelays> delays;
    private final ObjectProvider<RetryBudgets> budgets;
    private final Map<Method, Settings> settings = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = timer();
    private final ExecutorService attempts = Executors.newCachedThreadPool(daemon("hedge-attempt"));

    /**
     * Creates the interceptor.
     *
     * @param delays the delays of the hedge instances, looked up on first use
     * @param budgets the retry budgets hedges draw from, looked up on first use; when budgets are off, hedges are
     *     limited only by {@link Hedge#maxExtraAttempts()}
     */
    public HedgeInterceptor(Supplier<HedgeDelays> delays, ObjectProvider<RetryBudgets> budgets) {
        this.delays = delays;
        this.budgets = budgets;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Settings hedge = settings.computeIfAbsent(invocation.getMethod(), this::settings);
        Class<?> returnType = invocation.getMethod().getReturnType();
        if (REACTOR_PRESENT && MonoHedging.isMono(returnType)) {
            // Nothing happens before a subscription, and each subscription is a hedged call of its own.
            return MonoHedging.hedged(
                    context -> start(hedge, () -> MonoHedging.attempt(unchecked(() -> proceed(invocation)), context)));
        }
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return start(hedge, () -> stage(invocation));
        }
        CompletableFuture<Object> result = start(hedge, () -> onAttemptThread(() -> proceed(invocation)));
        try {
            return result.get();
        } catch (ExecutionException ex) {
            throw ex.getCause();
        } catch (InterruptedException ex) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw ex;
        }
    }

    private CompletableFuture<Object> start(Settings hedge, Supplier<CompletionStage<Object>> attempt) {
        RetryBudgets.Budget budget = hedge.budget;
        if (budget != null) {
            budget.deposit();
        }
        return new HedgedCall<>(
                        attempt,
                        scheduler,
                        hedge.delay,
                        hedge.maxExtraAttempts,
                        () -> budget == null || budget.tryWithdraw())
                .start();
    }

    /** Runs an attempt whose failure HedgedCall records as the attempt's failure. */
    private static Object unchecked(Attempt attempt) {
        try {
            return attempt.run();
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new UndeclaredThrowableException(failure);
        }
    }

    private Settings settings(Method method) {
        Hedge hedge = AnnotatedElementUtils.findMergedAnnotation(method, Hedge.class);
        Duration annotated = hedge.delay().isEmpty() ? null : DurationStyle.detectAndParse(hedge.delay());
        HedgeDelay delay = delays.get().delayFor(hedge.name(), annotated);
        RetryBudgets available = budgets.getIfAvailable();
        return new Settings(delay, hedge.maxExtraAttempts(), available == null ? null : available.budget(hedge.name()));
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> stage(MethodInvocation invocation) {
        try {
            return (CompletionStage<Object>) proceed(invocation);
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** A copy of the rest of the chain for each attempt, as several may run at once. */
    private static Object proceed(MethodInvocation invocation) throws Throwable {
        return invocation instanceof ProxyMethodInvocation proxied
                ? proxied.invocableClone().proceed()
                : invocation.proceed();
    }

    private CompletableFuture<Object> onAttemptThread(Attempt attempt) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        Future<?> task = attempts.submit(() -> {
            try {
                future.complete(attempt.run());
            } catch (Throwable failure) {
                future.completeExceptionally(failure);
            }
        });
        future.whenComplete((value, failure) -> {
            if (future.isCancelled()) {
                task.cancel(true);
            }
        });
        return future;
    }

    /** One attempt: the rest of the proxy's chain, which may throw anything the method throws. */
    private interface Attempt {
        Object run() throws Throwable;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One timer thread; a call answered before its delay takes its pending hedge out of the queue. */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("hedge-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        attempts.shutdownNow();
    }

    private record Settings(HedgeDelay delay, int maxExtraAttempts, RetryBudgets.Budget budget) {}
}
