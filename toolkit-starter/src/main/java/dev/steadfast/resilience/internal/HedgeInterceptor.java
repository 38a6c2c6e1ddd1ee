package dev.steadfast.resilience.internal;

import dev.steadfast.resilience.Hedge;
import dev.steadfast.resilience.HedgedCallListener;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import java.util.function.Function;
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
    private final ObjectProvider<HedgedCallListener> listeners;
    private final ObjectProvider<HedgeRecorder> recorder;
    private volatile List<HedgedCallListener> callListeners;
    private final Map<Method, Settings> settings = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = timer();
    private final ExecutorService attempts = Executors.newCachedThreadPool(daemon("hedge-attempt"));

    /**
     * Creates the interceptor.
     *
     * @param delays the delays of the hedge instances, looked up on first use
     * @param budgets the retry budgets hedges draw from, looked up on first use; when budgets are off, hedges are
     *     limited only by {@link Hedge#maxExtraAttempts()} and their instance's extra-load limit
     * @param listeners the listeners that see each hedged call's attempts, looked up on first use
     * @param recorder what records how hedged calls go (their meters), looked up on first use; none records nothing
     */
    public HedgeInterceptor(
            Supplier<HedgeDelays> delays,
            ObjectProvider<RetryBudgets> budgets,
            ObjectProvider<HedgedCallListener> listeners,
            ObjectProvider<HedgeRecorder> recorder) {
        this.delays = delays;
        this.budgets = budgets;
        this.listeners = listeners;
        this.recorder = recorder;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Settings hedge = settings.computeIfAbsent(invocation.getMethod(), this::settings);
        Class<?> returnType = invocation.getMethod().getReturnType();
        Attempt body = () -> proceed(invocation);
        if (REACTOR_PRESENT && MonoHedging.isMono(returnType)) {
            // Nothing happens before a subscription, and each subscription is a hedged call of its own. The
            // listeners see one logical call per Mono, though: a retry operator outside resubscribes to this Mono
            // from whatever thread its failure arrived on, and continues the same call (its attempts should avoid the
            // instances the earlier subscriptions tried), so their record is taken here, on the invoking thread.
            List<HedgedCallListener.Attempts> observed = callStarting();
            return MonoHedging.hedged(context ->
                    start(hedge, body, observed, attempt -> MonoHedging.attempt(unchecked(attempt), context)));
        }
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return start(hedge, body, callStarting(), HedgeInterceptor::stage);
        }
        CompletableFuture<Object> result = start(hedge, body, callStarting(), this::onAttemptThread);
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

    /**
     * Starts a hedged call whose attempts each run {@code body} through {@code run} (which decides the thread and
     * turns the body's result into a stage), each inside the {@code observed} listeners'
     * {@link HedgedCallListener.Attempts#run}.
     */
    private CompletableFuture<Object> start(
            Settings hedge,
            Attempt body,
            List<HedgedCallListener.Attempts> observed,
            Function<Attempt, CompletionStage<Object>> run) {
        RetryBudgets.Budget budget = hedge.budget;
        if (budget != null) {
            budget.deposit();
        }
        RetryBudget extraLoad = hedge.extraLoad;
        if (extraLoad != null) {
            extraLoad.deposit();
        }
        Attempt observedBody = observed.isEmpty() ? body : observed(observed, body);
        Supplier<CompletionStage<Object>> attempt = () -> run.apply(observedBody);
        return new HedgedCall<>(
                        attempt,
                        scheduler,
                        hedge.delay,
                        hedge.maxExtraAttempts,
                        // The limit first: a hedge it denies then takes nothing from the retries' budget.
                        () -> (extraLoad == null || extraLoad.tryWithdraw())
                                && (budget == null || budget.tryWithdraw()),
                        hedge.recorder)
                .start();
    }

    private List<HedgedCallListener.Attempts> callStarting() {
        List<HedgedCallListener> all = callListeners;
        if (all == null) {
            all = listeners.orderedStream().toList();
            callListeners = all;
        }
        if (all.isEmpty()) {
            return List.of();
        }
        List<HedgedCallListener.Attempts> attempts = new ArrayList<>(all.size());
        all.forEach(listener -> attempts.add(listener.callStarting()));
        return attempts;
    }

    /**
     * The body run through each listener on the thread that runs the attempt, the first listener outermost. A checked
     * failure crosses the listeners wrapped and leaves unwrapped, so the caller sees what the method threw.
     */
    private static Attempt observed(List<HedgedCallListener.Attempts> observed, Attempt body) {
        return () -> {
            Supplier<?> run = () -> {
                try {
                    return body.run();
                } catch (RuntimeException | Error failure) {
                    throw failure;
                } catch (Throwable failure) {
                    throw new CheckedFailure(failure);
                }
            };
            for (int i = observed.size() - 1; i >= 0; i--) {
                HedgedCallListener.Attempts listener = observed.get(i);
                Supplier<?> inner = run;
                run = () -> listener.run(inner);
            }
            try {
                return run.get();
            } catch (CheckedFailure wrapped) {
                throw wrapped.getCause();
            }
        };
    }

    /** Carries a checked failure of an attempt through the listeners' {@code Supplier}s. */
    private static final class CheckedFailure extends RuntimeException {

        CheckedFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
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
        HedgeDelays instances = delays.get();
        HedgeDelay delay = instances.delayFor(hedge.name(), annotated);
        RetryBudgets available = budgets.getIfAvailable();
        HedgeRecorder.Instance recorded =
                recorder.getIfAvailable(() -> HedgeRecorder.NONE).instance(hedge.name(), delay::nanos);
        return new Settings(
                delay,
                hedge.maxExtraAttempts(),
                available == null ? null : available.budget(hedge.name()),
                instances.extraLoadLimit(hedge.name()),
                recorded);
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> stage(Attempt attempt) {
        try {
            return (CompletionStage<Object>) attempt.run();
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

    private record Settings(
            HedgeDelay delay,
            int maxExtraAttempts,
            RetryBudgets.Budget budget,
            RetryBudget extraLoad,
            HedgeRecorder.Instance recorder) {}
}
