package dev.steadfast.resilience.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One hedged call: starts an attempt, and another each time {@code delay} passes without an answer while the
 * budget pays for it, up to the most extra attempts; completes with the first success (cancelling the others) or,
 * when every attempt started has failed, with the last failure. The delay learns from first attempts only: the
 * latency of one that answered, or of one that lost up to its cancellation (a lower bound, and above the delay, where
 * it belongs). A hedge's time is no sample of a call's latency: a hedge cancelled because the first attempt answered
 * has run only for the rest of that attempt, and a hedge that won is the faster of two; recorded, they pulled the
 * percentile down, the delay with it, and hedges started ever sooner. The recorder sees each hedge started or denied, how the call ended and the attempts
 * cancelled.
 */
final class HedgedCall<T> {

    private final Supplier<CompletionStage<T>> attempt;
    private final ScheduledExecutorService scheduler;
    private final HedgeDelay delay;
    private final int maxExtraAttempts;
    private final BooleanSupplier budget;
    private final HedgeRecorder.Instance recorder;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<CompletableFuture<T>> attempts = new ArrayList<>();
    private ScheduledFuture<?> pendingHedge;
    private int failed;
    private boolean hedging = true;

    HedgedCall(
            Supplier<CompletionStage<T>> attempt,
            ScheduledExecutorService scheduler,
            HedgeDelay delay,
            int maxExtraAttempts,
            BooleanSupplier budget,
            HedgeRecorder.Instance recorder) {
        this.attempt = attempt;
        this.scheduler = scheduler;
        this.delay = delay;
        this.maxExtraAttempts = maxExtraAttempts;
        this.budget = budget;
        this.recorder = recorder;
    }

    CompletableFuture<T> start() {
        // However the call ends (a winner, a failure, the caller giving up), nothing of it keeps running.
        result.whenComplete((value, failure) -> stopAll());
        launch();
        return result;
    }

    private void launch() {
        long started = System.nanoTime();
        CompletableFuture<T> future;
        int number;
        try {
            future = attempt.get().toCompletableFuture();
        } catch (RuntimeException failure) {
            future = CompletableFuture.failedFuture(failure);
        }
        synchronized (this) {
            if (result.isDone()) {
                // The call ended while this hedge was starting.
                if (future.cancel(true)) {
                    recorder.attemptsCancelled(1);
                }
                return;
            }
            attempts.add(future);
            number = attempts.size();
            if (hedging && attempts.size() <= maxExtraAttempts) {
                pendingHedge = scheduler.schedule(this::hedge, delay.nanos(), TimeUnit.NANOSECONDS);
            }
        }
        CompletableFuture<T> attempt = future;
        future.whenComplete((value, failure) -> {
            // A failure's time says nothing about how long an answer takes.
            if (number == 1 && (failure == null || attempt.isCancelled())) {
                delay.record(System.nanoTime() - started);
            }
            settle(value, failure, number);
        });
    }

    private void hedge() {
        synchronized (this) {
            if (result.isDone() || !hedging) {
                return;
            }
            if (!budget.getAsBoolean()) {
                hedging = false; // denied: the attempts already running decide the call
                recorder.hedgeDenied();
                return;
            }
        }
        recorder.hedgeStarted();
        launch();
    }

    private void settle(T value, Throwable failure, int number) {
        if (failure == null) {
            // The first success wins; later ones find the result done.
            if (result.complete(value)) {
                recorder.callEnded(number == 1 ? HedgeRecorder.Outcome.FIRST_WON : HedgeRecorder.Outcome.HEDGE_WON);
            }
            return;
        }
        synchronized (this) {
            failed++;
            // A hedge is for slowness, not failure (retries are): the call fails only once every attempt started
            // has failed.
            if (failed < attempts.size()) {
                return;
            }
        }
        if (result.completeExceptionally(
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure)) {
            recorder.callEnded(HedgeRecorder.Outcome.FAILED);
        }
    }

    private void stopAll() {
        List<CompletableFuture<T>> losers;
        synchronized (this) {
            hedging = false;
            if (pendingHedge != null) {
                pendingHedge.cancel(false);
            }
            losers = new ArrayList<>(attempts);
        }
        if (result.isCancelled()) {
            recorder.callEnded(HedgeRecorder.Outcome.CANCELLED);
        }
        int cancelled = 0;
        for (CompletableFuture<T> loser : losers) {
            cancelled += loser.cancel(true) ? 1 : 0;
        }
        if (cancelled > 0) {
            recorder.attemptsCancelled(cancelled);
        }
    }
}
