package dev.steadfast.benchmarks.overload;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work of a fixed capacity: each request holds its worker for {@code serviceTime} while at most {@code concurrency}
 * run, and for proportionally longer beyond (n running take {@code serviceTime * n / concurrency} each, as on a
 * shared resource), so the throughput never exceeds {@code concurrency / serviceTime} however many run.
 */
final class FixedCapacity {

    private final int concurrency;

    private final long serviceNanos;

    private final AtomicInteger running = new AtomicInteger();

    FixedCapacity(int concurrency, long serviceMillis) {
        this.concurrency = concurrency;
        this.serviceNanos = TimeUnit.MILLISECONDS.toNanos(serviceMillis);
    }

    /** Requests per second at which the work saturates. */
    double capacityPerSecond() {
        return concurrency * 1e9 / serviceNanos;
    }

    String work() throws InterruptedException {
        int n = running.incrementAndGet();
        try {
            long nanos = serviceNanos * Math.max(n, concurrency) / concurrency;
            TimeUnit.NANOSECONDS.sleep(nanos);
            return "done";
        } finally {
            running.decrementAndGet();
        }
    }
}
