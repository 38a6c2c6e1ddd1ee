package dev.steadfast.compat;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Annotated methods of each return type, as in the Resilience4j demo's backend services. */
@Service
public class BackendService {

    @CircuitBreaker(name = "backendA", fallbackMethod = "plainFallback")
    @Retry(name = "backendA")
    public String failure() throws IOException {
        throw new IOException("backend A is down");
    }

    @Bulkhead(name = "backendA")
    public String success() {
        return "Hello World from backend A";
    }

    public String plainFallback(Throwable failure) {
        return "Recovered: " + failure.getClass().getSimpleName();
    }

    @CircuitBreaker(name = "backendB", fallbackMethod = "monoFallback")
    @Retry(name = "backendB")
    public Mono<String> monoFailure() {
        return Mono.error(new IOException("backend B is down"));
    }

    @TimeLimiter(name = "backendB", fallbackMethod = "monoFallback")
    public Mono<String> monoTimeout() {
        return Mono.just("too late").delayElement(Duration.ofSeconds(5));
    }

    public Mono<String> monoFallback(Throwable failure) {
        return Mono.just("Recovered: " + failure.getClass().getSimpleName());
    }

    @CircuitBreaker(name = "backendB")
    @Bulkhead(name = "backendB")
    public Flux<String> fluxSuccess() {
        return Flux.just("Hello", "World");
    }

    @TimeLimiter(name = "backendC", fallbackMethod = "futureFallback")
    @Bulkhead(name = "backendC", type = Bulkhead.Type.THREADPOOL)
    public CompletableFuture<String> futureTimeout() throws InterruptedException {
        TimeUnit.SECONDS.sleep(5);
        return CompletableFuture.completedFuture("too late");
    }

    @Bulkhead(name = "backendC", type = Bulkhead.Type.THREADPOOL)
    public CompletableFuture<String> futureSuccess() {
        return CompletableFuture.completedFuture("Hello from " + Thread.currentThread().getName());
    }

    public CompletableFuture<String> futureFallback(Throwable failure) {
        return CompletableFuture.completedFuture("Recovered: " + failure.getClass().getSimpleName());
    }
}
