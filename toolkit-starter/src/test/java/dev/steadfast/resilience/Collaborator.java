package dev.steadfast.resilience;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** A bean with fallbacks, a time limit, per-call names: the shapes of annotations Resilience4j supports. */
public class Collaborator {

    @CircuitBreaker(name = "recovering", fallbackMethod = "recover")
    @Retry(name = "recovering")
    public String recovering(String orderId) throws IOException {
        throw new IOException("connection refused for " + orderId);
    }

    @CircuitBreaker(name = "rejecting", fallbackMethod = "recover")
    public String rejecting(String orderId) {
        throw new IllegalArgumentException("bad order " + orderId);
    }

    @CircuitBreaker(name = "#root.args[0]")
    public String perTenant(String tenant) {
        return tenant;
    }

    @CircuitBreaker(name = "slow", fallbackMethod = "slowFallback")
    @TimeLimiter(name = "slow")
    public CompletableFuture<String> slow() {
        return new CompletableFuture<>();
    }

    // Resilience4j picks the overload with the most specific exception type.
    String recover(String orderId, IOException failure) {
        return "queued " + orderId;
    }

    String recover(String orderId, Throwable failure) {
        return "rejected " + orderId;
    }

    CompletableFuture<String> slowFallback(TimeoutException failure) {
        return CompletableFuture.completedFuture("timed out");
    }
}
