package dev.steadfast.chaos.observe;

import dev.steadfast.chaos.process.ServiceInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Scrapes {@code GET /actuator/prometheus} on every instance once a second and keeps what the report charts: the
 * outbox backlog, the {@code payment} breaker's state and the fences' refusal counters (see {@link MetricsScrape}).
 * A down or frozen instance is skipped, and one that does not answer within a short timeout simply has no point
 * for that second: the scrapes run on their own thread and never hold up the load or the faults.
 */
public final class MetricsObserver implements AutoCloseable {

    private static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(700);
    private static final long INTERVAL_MILLIS = 1000;

    private final List<ServiceInstance> instances;
    private final LongSupplier clockMillis;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(SCRAPE_TIMEOUT)
            .build();
    private final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-metrics-scrape");
        thread.setDaemon(true);
        return thread;
    });
    private final List<MetricsScrape> scrapes = new ArrayList<>();
    private final AtomicInteger unreadable = new AtomicInteger();

    public MetricsObserver(List<ServiceInstance> instances, LongSupplier clockMillis) {
        this.instances = List.copyOf(instances);
        this.clockMillis = clockMillis;
    }

    public void start() {
        scraper.scheduleWithFixedDelay(this::scrapeAll, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void scrapeAll() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            if (!instance.process().isAlive() || instance.process().isPaused()) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/actuator/prometheus"))
                    .timeout(SCRAPE_TIMEOUT)
                    // The classic text format: the OpenMetrics one differs only in what the parser skips anyway.
                    .header("Accept", "text/plain;version=0.0.4")
                    .GET()
                    .build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() == 200) {
                            record(instance, response.body());
                        }
                    })
                    .exceptionally(failure -> null));
        }
        // Waiting (briefly) keeps one round from overlapping the next; a scrape still out after it is dropped.
        for (CompletableFuture<Void> scrape : pending) {
            try {
                scrape.get(SCRAPE_TIMEOUT.toMillis() + 300, TimeUnit.MILLISECONDS);
            } catch (Exception ex) {
                scrape.cancel(true);
            }
        }
    }

    void record(ServiceInstance instance, String body) {
        List<PrometheusText.Sample> samples;
        try {
            samples = PrometheusText.parse(body);
        } catch (IllegalArgumentException ex) {
            unreadable.incrementAndGet();
            return;
        }
        MetricsScrape scrape =
                MetricsScrape.of(clockMillis.getAsLong(), instance.service(), instance.instanceId(), samples);
        synchronized (this) {
            scrapes.add(scrape);
        }
    }

    /** Every scrape so far, in the order they were answered. */
    public synchronized List<MetricsScrape> scrapes() {
        return List.copyOf(scrapes);
    }

    /** Answers that were not in the text format (counted, not charted). */
    public int unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        scraper.shutdownNow();
    }
}
