package dev.steadfast.warmup.internal;

import dev.steadfast.warmup.WarmUpCompleted;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Sends the warm-up requests to the application's own HTTP port. It runs as the last {@link ApplicationRunner}:
 * after the web server has started and the context is refreshed, and before Spring Boot publishes
 * {@code ReadinessState.ACCEPTING_TRAFFIC}, so readiness probes answer {@code OUT_OF_SERVICE} until it is done.
 * The first round is sent one request at a time, so a request answered otherwise than expected is known before it
 * could be sent again; an unsafe one (see {@link WarmUpRequest#unsafe()}) is then never sent again. Later rounds run
 * {@code concurrency} at a time. It never delays readiness by more than {@code timeout}. A request for another
 * service goes through {@link ServiceCalls} (the application's load-balanced client) once that service has an
 * instance; the warm-up waits for one within its time limit.
 */
public final class SelfWarmUp implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(SelfWarmUp.class);

    private final List<WarmUpRequest> requests;

    private final int iterations;

    private final int concurrency;

    private final Duration timeout;

    private final Duration requestTimeout;

    private final Supplier<Integer> port;

    private final Consumer<Object> publisher;

    private final ServiceCalls serviceCalls;

    private final Set<WarmUpRequest> stopped = ConcurrentHashMap.newKeySet();

    private final Set<WarmUpRequest> reported = ConcurrentHashMap.newKeySet();

    private final AtomicInteger sent = new AtomicInteger();

    private final AtomicInteger unexpected = new AtomicInteger();

    /**
     * @param requests the requests, each sent {@code iterations} times
     * @param iterations rounds of requests
     * @param concurrency requests in flight at once after the first round
     * @param timeout the longest the warm-up may take
     * @param requestTimeout the longest one request may take
     * @param port the application's HTTP port, {@code null} when it has no web server listening
     * @param publisher publishes the {@link WarmUpCompleted} event
     * @param serviceCalls sends the requests for other services, {@code null} when there are none
     */
    public SelfWarmUp(
            List<WarmUpRequest> requests,
            int iterations,
            int concurrency,
            Duration timeout,
            Duration requestTimeout,
            Supplier<Integer> port,
            Consumer<Object> publisher,
            ServiceCalls serviceCalls) {
        this.requests = List.copyOf(requests);
        this.iterations = iterations;
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.requestTimeout = requestTimeout;
        this.port = port;
        this.publisher = publisher;
        this.serviceCalls = serviceCalls;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        Integer listening = port.get();
        if (requests.isEmpty() || listening == null || listening <= 0) {
            if (!requests.isEmpty()) {
                log.info("Warm-up skipped: no local HTTP port to send its requests to");
            }
            return;
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String base = "http://127.0.0.1:" + listening;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "steadfast-warm-up");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build();
        boolean finished;
        try {
            awaitInstances(deadline);
            for (WarmUpRequest request : requests) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    // on a pool thread, so that a service call without a timeout of its own cannot pass the limit
                    awaitFirst(pool.submit(() -> send(client, base, request)), left);
                }
            }
            for (int round = 1; round < iterations; round++) {
                for (WarmUpRequest request : requests) {
                    pool.execute(() -> {
                        if (System.nanoTime() < deadline) {
                            send(client, base, request);
                        }
                    });
                }
            }
            pool.shutdown();
            finished = pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    && System.nanoTime() < deadline;
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (finished) {
            log.info(
                    "Warm-up sent {} requests in {} ms ({} not answered as expected)",
                    sent.get(),
                    took.toMillis(),
                    unexpected.get());
        } else {
            log.warn(
                    "Warm-up stopped at its time limit of {} after {} requests; reporting ready anyway "
                            + "(steadfast.warmup.timeout)",
                    timeout,
                    sent.get());
        }
        publisher.accept(new WarmUpCompleted(took, sent.get(), unexpected.get(), !finished));
    }

    /** Waits, within the time limit, until each service that requests go to has an instance. */
    private void awaitInstances(long deadline) throws InterruptedException {
        Set<String> services = new LinkedHashSet<>();
        requests.stream().map(WarmUpRequest::service).filter(Objects::nonNull).forEach(services::add);
        for (String service : services) {
            long start = System.nanoTime();
            if (serviceCalls.awaitInstance(service, deadline)) {
                log.debug(
                        "Warm-up found an instance of {} after {} ms", service, (System.nanoTime() - start) / 1000000);
            } else {
                log.warn("Warm-up found no instance of {} within its time limit of {}", service, timeout);
            }
        }
    }

    private static void awaitFirst(Future<?> first, long nanos) throws InterruptedException {
        try {
            first.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            first.cancel(true);
        } catch (ExecutionException ex) {
            throw new IllegalStateException("Warm-up request failed unexpectedly", ex.getCause());
        }
    }

    private void send(HttpClient client, String base, WarmUpRequest request) {
        if (stopped.contains(request)) {
            return;
        }
        if (request.service() != null) {
            sent.incrementAndGet();
            try {
                int status = serviceCalls.send(request);
                if (!request.expects(status)) {
                    unexpected(request, "answered " + status);
                }
            } catch (IOException ex) {
                unexpected(request, "failed: " + ex.getMessage());
            }
            return;
        }
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(requestTimeout)
                .header("Accept", "*/*")
                .method(request.method(), body);
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType());
        }
        sent.incrementAndGet();
        try {
            int status = client.send(builder.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (!request.expects(status)) {
                unexpected(request, "answered " + status);
            }
        } catch (IOException ex) {
            unexpected(request, "failed: " + ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void unexpected(WarmUpRequest request, String what) {
        unexpected.incrementAndGet();
        if (request.unsafe() && stopped.add(request)) {
            log.error(
                    "Warm-up request {} {} instead of the expected {}: it is not sent again. A warm-up request "
                            + "with method {} must be one the application refuses, so that it cannot change anything.",
                    request,
                    what,
                    request.expectedStatus(),
                    request.method());
        } else if (reported.add(request)) {
            log.warn(
                    "Warm-up request {} {}{}",
                    request,
                    what,
                    request.expectedStatus() == null ? "" : " instead of " + request.expectedStatus());
        }
    }

    /** The last runner: the application's own runners may prepare what the warmed paths need. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
