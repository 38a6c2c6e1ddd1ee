package dev.steadfast.benchmarks.brownout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts the calls the order service starts to one payment instance, from the outside: Spring Cloud LoadBalancer's
 * own per-instance meters ({@code spring.cloud.loadbalancer.stats.micrometer.enabled=true}) scraped from the order
 * service's Prometheus endpoint every {@link #INTERVAL}. A call counts when it starts (the active gauge), so a call
 * hanging on a frozen instance counts at once. The frozen instance itself cannot report, and both instances share
 * one host, so the client's HTTP metrics cannot tell them apart; these meters carry the instance's port.
 */
final class TrafficProbe implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(200);

    /** One scrape: when ({@link System#nanoTime()}) and how many calls to the instance had started by then. */
    record Count(long nanos, long started) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Count> counts = new ArrayList<>();
    private final URI prometheus;
    private final String portTag;

    TrafficProbe(String orderBaseUrl, int instancePort) {
        this.prometheus = URI.create(orderBaseUrl + "/actuator/prometheus");
        this.portTag = "serviceInstance_port=\"" + instancePort + "\"";
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::scrape, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scrape() {
        try {
            long nanos = System.nanoTime();
            String body = http.send(
                            HttpRequest.newBuilder(prometheus)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            long started = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("loadbalancer_requests_") && line.contains(portTag) && startsOrEnds(line)) {
                    started += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            synchronized (counts) {
                counts.add(new Count(nanos, started));
            }
        } catch (Exception ex) {
            // A missed scrape (the order JVM busy): the next one counts the same calls.
        }
    }

    /** Calls under way (active) plus calls over (success, failed, discarded): every call started so far. */
    private static boolean startsOrEnds(String line) {
        String name = line.substring(0, line.indexOf('{'));
        return name.equals("loadbalancer_requests_active")
                || name.endsWith("_seconds_count")
                || name.equals("loadbalancer_requests_discard_total");
    }

    /**
     * How long after {@code faultNanos} the instance stopped receiving calls: the time of the last new call before
     * the first quiet stretch of {@code quiet} (no new call), or {@code -1} if it never went quiet before
     * {@code endNanos}. Resolution: {@link #INTERVAL}.
     */
    long stoppedAfterMillis(long faultNanos, long endNanos, Duration quiet) {
        List<Count> window = between(faultNanos, endNanos);
        if (window.isEmpty()) {
            return -1;
        }
        long lastIncrease = faultNanos;
        long lastCount = window.get(0).started();
        for (Count count : window) {
            if (count.started() > lastCount) {
                lastIncrease = count.nanos();
                lastCount = count.started();
            } else if (count.nanos() - lastIncrease >= quiet.toNanos()) {
                return TimeUnit.NANOSECONDS.toMillis(lastIncrease - faultNanos);
            }
        }
        return -1;
    }

    /** Calls started to the instance between two moments ({@link System#nanoTime()}), or -1 without scrapes. */
    long startedBetween(long fromNanos, long toNanos) {
        List<Count> window = between(fromNanos, toNanos);
        return window.isEmpty()
                ? -1
                : window.get(window.size() - 1).started() - window.get(0).started();
    }

    /** The scrapes in the interval, after the last one before it (the count the interval starts from). */
    private List<Count> between(long fromNanos, long toNanos) {
        List<Count> window = new ArrayList<>();
        synchronized (counts) {
            for (Count count : counts) {
                if (count.nanos() < fromNanos) {
                    window.clear();
                    window.add(count);
                } else if (count.nanos() <= toNanos) {
                    window.add(count);
                }
            }
        }
        return window;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
