package dev.steadfast.resilience;

import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** A dependency that always fails with a transient failure, counting the attempts that reach it. */
public class BudgetedDependency {

    private final AtomicInteger syncAttempts = new AtomicInteger();
    private final AtomicInteger futureAttempts = new AtomicInteger();
    private final AtomicInteger monoAttempts = new AtomicInteger();

    @Retry(name = "budgetedSync")
    public String sync() throws IOException {
        syncAttempts.incrementAndGet();
        throw new IOException("connection refused");
    }

    @Retry(name = "budgetedOk")
    public String succeed() {
        return "ok";
    }

    @Retry(name = "budgetedElsewhere")
    public String succeedElsewhere() {
        return "ok";
    }

    @Retry(name = "budgetedFuture")
    public CompletableFuture<String> future() {
        futureAttempts.incrementAndGet();
        return CompletableFuture.failedFuture(new IOException("connection refused"));
    }

    @Retry(name = "budgetedMono")
    public Mono<String> mono() {
        return Mono.defer(() -> {
            monoAttempts.incrementAndGet();
            return Mono.error(new IOException("connection refused"));
        });
    }

    public int syncAttempts() {
        return syncAttempts.get();
    }

    public int futureAttempts() {
        return futureAttempts.get();
    }

    public int monoAttempts() {
        return monoAttempts.get();
    }
}
