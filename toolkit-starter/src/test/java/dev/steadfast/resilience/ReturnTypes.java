package dev.steadfast.resilience;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Annotated methods of every return type the fast path serves, each counting what reached it. */
public class ReturnTypes {

    private final AtomicInteger monoSubscriptions = new AtomicInteger();

    private final AtomicInteger fluxSubscriptions = new AtomicInteger();

    private final AtomicInteger singleSubscriptions = new AtomicInteger();

    private final CountDownLatch release = new CountDownLatch(1);

    @CircuitBreaker(name = "reactive", fallbackMethod = "monoFallback")
    @Retry(name = "reactive")
    public Mono<String> failingMono() {
        return Mono.<String>error(new IOException("down"))
                .doOnSubscribe(ignored -> monoSubscriptions.incrementAndGet());
    }

    public Mono<String> monoFallback(Throwable failure) {
        return Mono.just("fallback:" + failure.getClass().getSimpleName());
    }

    @CircuitBreaker(name = "reactiveFlux")
    @Retry(name = "reactive")
    public Flux<String> failingFlux() {
        return Flux.just("a")
                .concatWith(Flux.error(new IOException("down")))
                .doOnSubscribe(ignored -> fluxSubscriptions.incrementAndGet());
    }

    @TimeLimiter(name = "slow", fallbackMethod = "monoFallback")
    public Mono<String> slowMono() {
        return Mono.never();
    }

    @TimeLimiter(name = "slow", fallbackMethod = "fluxFallback")
    public Flux<String> slowFlux() {
        return Flux.just("first").concatWith(Flux.never());
    }

    public Flux<String> fluxFallback(Throwable failure) {
        return Flux.just("fallback:" + failure.getClass().getSimpleName());
    }

    @TimeLimiter(name = "slow", fallbackMethod = "futureFallback")
    public CompletableFuture<String> slowFuture() {
        return new CompletableFuture<>();
    }

    public CompletableFuture<String> futureFallback(Throwable failure) {
        return CompletableFuture.completedFuture(
                "fallback:" + failure.getClass().getSimpleName());
    }

    @Bulkhead(name = "pool", type = Bulkhead.Type.THREADPOOL)
    public CompletableFuture<String> onPool() throws InterruptedException {
        release.await(10, TimeUnit.SECONDS);
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    @CircuitBreaker(name = "rx")
    @Retry(name = "reactive")
    public Single<String> failingSingle() {
        return Single.<String>error(new IOException("down"))
                .doOnSubscribe(ignored -> singleSubscriptions.incrementAndGet());
    }

    // Accessors, not fields: callers hold the proxy, whose fields are never set.

    public int monoSubscriptions() {
        return monoSubscriptions.get();
    }

    public int fluxSubscriptions() {
        return fluxSubscriptions.get();
    }

    public int singleSubscriptions() {
        return singleSubscriptions.get();
    }

    public void release() {
        release.countDown();
    }
}
