package dev.steadfast.resilience;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Hedged methods under a circuit breaker, a retry and a bulkhead, each counting its attempts. */
public class OrderedHedges {

    private final AtomicInteger breakerAttempts = new AtomicInteger();
    private final AtomicInteger retryAttempts = new AtomicInteger();
    private final AtomicInteger bulkheadAttempts = new AtomicInteger();
    private final CountDownLatch hedgeStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** The first attempt hangs until interrupted; the hedge answers. */
    @CircuitBreaker(name = "orderBreaker")
    @Hedge(name = "orderBreaker", idempotent = true, delay = "20ms")
    public String breaker() throws InterruptedException {
        return hangFirst(breakerAttempts.incrementAndGet());
    }

    /**
     * The first hedged call fails in both attempts (the first waits for the hedge to have started, so that there is
     * one); the retry's second call succeeds at its first attempt.
     */
    @Retry(name = "orderRetry")
    @Hedge(name = "orderRetry", idempotent = true, delay = "20ms")
    public String retried() throws IOException, InterruptedException {
        int attempt = retryAttempts.incrementAndGet();
        if (attempt == 1) {
            hedgeStarted.await(10, TimeUnit.SECONDS);
            throw new IOException("attempt 1 failed");
        }
        if (attempt == 2) {
            hedgeStarted.countDown();
            throw new IOException("attempt 2 failed");
        }
        return "attempt " + attempt;
    }

    /** Under a bulkhead of one concurrent call: the hedge must not need a permit of its own. */
    @Bulkhead(name = "orderBulkhead")
    @Hedge(name = "orderBulkhead", idempotent = true, delay = "20ms")
    public String bulkhead() throws InterruptedException {
        return hangFirst(bulkheadAttempts.incrementAndGet());
    }

    private String hangFirst(int attempt) throws InterruptedException {
        if (attempt > 1) {
            return "attempt " + attempt;
        }
        release.await();
        return "first";
    }

    public void release() {
        release.countDown();
    }

    public int retryAttempts() {
        return retryAttempts.get();
    }
}
