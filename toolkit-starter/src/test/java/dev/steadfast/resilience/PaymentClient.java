package dev.steadfast.resilience;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.web.client.RestClient;

/** A client of a remote dependency, annotated as an application would, with no Resilience4j configuration. */
public class PaymentClient {

    private final RestClient rest;

    public PaymentClient(RestClient rest) {
        this.rest = rest;
    }

    @CircuitBreaker(name = "breaker", fallbackMethod = "fallback")
    public String breaker() {
        return fetch("/breaker");
    }

    @CircuitBreaker(name = "flaky")
    @Retry(name = "flaky")
    public String flaky() {
        return fetch("/flaky");
    }

    @Retry(name = "throttled")
    public String throttled() {
        return fetch("/throttled");
    }

    @Retry(name = "bad")
    public String bad() {
        return fetch("/bad");
    }

    @CircuitBreaker(name = "down")
    @Retry(name = "down")
    public String down() {
        return fetch("/down");
    }

    @Bulkhead(name = "limited")
    public String limited(CountDownLatch release) {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return fetch("/limited");
    }

    @CircuitBreaker(name = "slowSync")
    public String slowSync() {
        return fetch("/slow");
    }

    @TimeLimiter(name = "slowAsync")
    public CompletableFuture<String> slowAsync() {
        return CompletableFuture.supplyAsync(() -> fetch("/slow"));
    }

    @CircuitBreaker(name = "metered")
    @Retry(name = "metered")
    @Bulkhead(name = "metered")
    public String metered() {
        return fetch("/metered");
    }

    @TimeLimiter(name = "metered")
    public CompletableFuture<String> meteredAsync() {
        return CompletableFuture.supplyAsync(() -> fetch("/metered"));
    }

    String fallback(Throwable failure) {
        return "fallback after " + failure.getClass().getSimpleName();
    }

    private String fetch(String path) {
        return rest.get().uri(path).retrieve().body(String.class);
    }
}
