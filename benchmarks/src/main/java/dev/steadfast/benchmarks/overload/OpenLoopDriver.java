package dev.steadfast.benchmarks.overload;

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
 * Sends GET requests at a fixed rate whatever the answers take (open loop: a slow service does not slow the clients
 * down) and records every answer; a request without an answer within the timeout counts as one at the timeout.
 */
final class OpenLoopDriver implements AutoCloseable {

    /** Status of a request that got no HTTP answer (I/O error or the client's timeout). */
    static final int NO_ANSWER = -1;

    /** One request: its answer's status and how long it took. */
    record Sample(int status, long latencyNanos) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    private final URI uri;

    private final Duration timeout;

    OpenLoopDriver(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
    }

    /** Sends at the rate for the duration, then waits for the last answers; the samples of every request sent. */
    List<Sample> run(double perSecond, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicLong sent = new AtomicLong();
        long total = Math.round(perSecond * duration.toNanos() / 1e9);
        var task = ticker.scheduleAtFixedRate(
                () -> {
                    if (sent.get() < total) {
                        sent.incrementAndGet();
                        send(samples);
                    }
                },
                0,
                Math.round(1e9 / perSecond),
                TimeUnit.NANOSECONDS);
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while ((sent.get() < total || samples.size() < sent.get()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        task.cancel(false);
        return new ArrayList<>(samples);
    }

    private void send(ConcurrentLinkedQueue<Sample> samples) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).build();
        long start = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            long latency = failure == null ? System.nanoTime() - start : timeout.toNanos();
            samples.add(new Sample(failure == null ? response.statusCode() : NO_ANSWER, latency));
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
