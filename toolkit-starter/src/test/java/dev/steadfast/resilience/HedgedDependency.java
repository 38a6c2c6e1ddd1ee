package dev.steadfast.resilience;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** A dependency whose first attempt hangs until released (or interrupted) and whose later attempts answer at once. */
public class HedgedDependency {

    private final AtomicInteger syncAttempts = new AtomicInteger();
    private final AtomicInteger futureAttempts = new AtomicInteger();
    private final AtomicInteger breakerAttempts = new AtomicInteger();
    private final AtomicInteger adaptiveAttempts = new AtomicInteger();
    private final AtomicInteger monoAttempts = new AtomicInteger();
    private final AtomicBoolean firstMonoCancelled = new AtomicBoolean();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean firstInterrupted = new AtomicBoolean();
    private final CompletableFuture<String> firstFuture = new CompletableFuture<>();

    @Hedge(name = "hedgedSync", idempotent = true, delay = "20ms")
    public String slowFirst() throws InterruptedException {
        return hangFirst(syncAttempts.incrementAndGet());
    }

    @Hedge(name = "hedgedFuture", idempotent = true, delay = "20ms")
    public CompletableFuture<String> futureSlowFirst() {
        return futureAttempts.incrementAndGet() == 1 ? firstFuture : CompletableFuture.completedFuture("second");
    }

    @CircuitBreaker(name = "hedgedBreaker")
    @Hedge(name = "hedgedBreaker", idempotent = true, delay = "20ms")
    public String behindBreaker() throws InterruptedException {
        return hangFirst(breakerAttempts.incrementAndGet());
    }

    /**
     * The first attempt of each subscription never answers (and records its cancellation); the second answers with
     * the subscriber's context value {@code user}.
     */
    @Hedge(name = "hedgedMono", idempotent = true, delay = "20ms")
    public Mono<String> monoSlowFirst() {
        int attempt = monoAttempts.incrementAndGet();
        if (attempt % 2 == 1) {
            return Mono.<String>never().doOnCancel(() -> firstMonoCancelled.set(true));
        }
        return Mono.deferContextual(context -> Mono.just("attempt " + attempt + " for " + context.get("user")));
    }

    /** No attempt ever answers. */
    @Hedge(name = "hedgedNever", idempotent = true, delay = "20ms")
    public Mono<String> monoNever() {
        return Mono.never();
    }

    public int monoAttempts() {
        return monoAttempts.get();
    }

    public boolean firstMonoCancelled() {
        return firstMonoCancelled.get();
    }

    /** Hedged after the percentile delay of its instance (configured by the test), or an hour until it has one. */
    @Hedge(name = "adaptive", idempotent = true, delay = "1h")
    public String adaptive(boolean hangFirst) throws InterruptedException {
        int attempt = adaptiveAttempts.incrementAndGet();
        return hangFirst ? hangFirst(attempt) : "fast";
    }

    /** Every attempt takes 20 ms, twenty times the hedge's delay: without a limit, every call is hedged. */
    @Hedge(name = "alwaysSlow", idempotent = true, delay = "1ms")
    public String alwaysSlow() throws InterruptedException {
        Thread.sleep(20);
        return "slow";
    }

    public void resetAdaptiveAttempts() {
        adaptiveAttempts.set(0);
    }

    private String hangFirst(int attempt) throws InterruptedException {
        if (attempt > 1) {
            return "attempt " + attempt;
        }
        try {
            release.await();
            return "first";
        } catch (InterruptedException ex) {
            firstInterrupted.set(true);
            throw ex;
        }
    }

    public void release() {
        release.countDown();
    }

    public boolean firstInterrupted() {
        return firstInterrupted.get();
    }

    public CompletableFuture<String> firstFuture() {
        return firstFuture;
    }

    public int syncAttempts() {
        return syncAttempts.get();
    }

    public int futureAttempts() {
        return futureAttempts.get();
    }

    public int breakerAttempts() {
        return breakerAttempts.get();
    }
}
