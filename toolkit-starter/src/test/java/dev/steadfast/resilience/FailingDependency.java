package dev.steadfast.resilience;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A dependency that always fails with an I/O error, a transient failure that the retry retries. */
public class FailingDependency {

    private final AtomicInteger attempts = new AtomicInteger();

    @CircuitBreaker(name = "down")
    @Retry(name = "down")
    public String down() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("connection refused");
    }

    public int attempts() {
        return attempts.get();
    }
}
