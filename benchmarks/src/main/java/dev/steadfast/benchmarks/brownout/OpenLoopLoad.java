package dev.steadfast.benchmarks.brownout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@code POST /orders} at a fixed rate whatever the answers take (open loop: a slow service does not slow the
 * clients down), each order with its own idempotency key, and records every answer.
 */
final class OpenLoopLoad implements AutoCloseable {

    /** Status of a request that got no HTTP answer (I/O error or the client's 10 s timeout). */
    static final int NO_ANSWER = -1;

    /** One request: when it was sent ({@link System#nanoTime()}), how long its answer took, and its status. */
    record Sample(long sentNanos, long latencyMillis, int status) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final URI orders;
    private final String runId;

    OpenLoopLoad(String orderBaseUrl, String runId) {
        this.orders = URI.create(orderBaseUrl + "/orders");
        this.runId = runId;
    }

    void start(int ratePerSecond) {
        scheduler.scheduleAtFixedRate(this::send, 0, 1_000_000_000L / ratePerSecond, TimeUnit.NANOSECONDS);
    }

    private void send() {
        long n = sequence.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", runId + "-" + n)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":\"c" + (n % 50) + "\",\"amount\":12.50,\"currency\":\"EUR\"}"))
                .build();
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            samples.add(new Sample(sent, millis, failure == null ? response.statusCode() : NO_ANSWER));
        });
    }

    /** The requests sent in {@code [fromNanos, toNanos)} whose answers (or failures) have arrived. */
    List<Sample> sentBetween(long fromNanos, long toNanos) {
        List<Sample> window = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.sentNanos() >= fromNanos && sample.sentNanos() < toNanos) {
                window.add(sample);
            }
        }
        return window;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
