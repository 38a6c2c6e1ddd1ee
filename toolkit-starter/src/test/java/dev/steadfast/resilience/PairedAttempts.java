package dev.steadfast.resilience;

import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;

/**
 * A dependency retried around its hedge, under one name (so one budget): every attempt fails with a transient failure,
 * each first attempt of a hedged call only once its hedge has started, so that every hedged call hedges once.
 */
public class PairedAttempts {

    private int attempts;

    @Retry(name = "paired")
    @Hedge(name = "paired", idempotent = true, delay = "20ms")
    public String call() throws IOException, InterruptedException {
        int attempt;
        synchronized (this) {
            attempt = ++attempts;
            notifyAll();
            // The first attempt of a hedged call waits (at most 10 s) for its hedge, the next attempt.
            long until = System.nanoTime() + 10_000_000_000L;
            while (attempt % 2 == 1 && attempts == attempt && System.nanoTime() < until) {
                wait(1000);
            }
        }
        throw new IOException("connection refused (attempt " + attempt + ")");
    }

    public synchronized int attempts() {
        return attempts;
    }
}
