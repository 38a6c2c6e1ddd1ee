package dev.steadfast.chaos.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends orders at a fixed rate (open loop, like real clients), each with a unique idempotency key, round-robin over
 * the order instances. Like a client behind a load balancer it sends the same request with the same key to the
 * other instance when a connection is refused or an answer does not come in time; each operation ends ok, failed,
 * unknown or shed in the {@link History}. A shed answer ({@code 429}, or {@code 503} with {@code Retry-After}) is not
 * sent again: a client that honours {@code Retry-After} gives up on this order rather than adding to the overload.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "GBP"};
    private static final int MAX_ATTEMPTS = 3;
    private static final int MAX_IN_FLIGHT = 400;

    private final List<String> orderUrls;
    private final double rate;
    private final Duration requestTimeout;
    private final History history;
    private final LongSupplier clockMillis;
    private final Random random;
    private final HttpClient http;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-load");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong skipped = new AtomicLong();
    private final IntPredicate admitted;
    private ScheduledFuture<?> schedule;
    private ScheduledFuture<?> burst;

    /** Sends to every instance in turn, whether or not it is ready. */
    public LoadGenerator(
            List<String> orderUrls,
            double rate,
            Duration requestTimeout,
            long seed,
            History history,
            LongSupplier clockMillis) {
        this(orderUrls, rate, requestTimeout, seed, history, clockMillis, index -> true);
    }

    /**
     * @param admitted whether an instance (by its index in {@code orderUrls}) may get new requests now, as a
     *     readiness-aware load balancer decides; an attempt meant for one that is not goes to the next one that is
     *     (to the one meant when none is)
     */
    public LoadGenerator(
            List<String> orderUrls,
            double rate,
            Duration requestTimeout,
            long seed,
            History history,
            LongSupplier clockMillis,
            IntPredicate admitted) {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        this.orderUrls = List.copyOf(orderUrls);
        this.rate = rate;
        this.requestTimeout = requestTimeout;
        this.history = history;
        this.clockMillis = clockMillis;
        this.random = new Random(seed);
        this.admitted = admitted;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500))
                .build();
    }

    public void start() {
        long periodNanos = (long) (1_000_000_000L / rate);
        schedule = ticker.scheduleAtFixedRate(this::sendOne, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Sends at {@code factor} times the rate for {@code length}, then at the rate again: the extra orders come from a
     * second schedule on the same single thread, so the seeded sequence of amounts stays one sequence.
     */
    public void burst(double factor, Duration length) {
        if (factor <= 1) {
            throw new IllegalArgumentException("a burst needs a factor above 1, got " + factor);
        }
        long periodNanos = (long) (1_000_000_000L / (rate * (factor - 1)));
        ScheduledFuture<?> extra = ticker.scheduleAtFixedRate(this::sendOne, 0, periodNanos, TimeUnit.NANOSECONDS);
        burst = extra;
        ticker.schedule(() -> extra.cancel(false), length.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops sending and waits (bounded) until every operation in flight has completed. */
    public void stop(Duration drain) {
        if (schedule != null) {
            schedule.cancel(false);
        }
        if (burst != null) {
            burst.cancel(false);
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (history.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                // Completions arrive on the HTTP client's threads; there is nothing to wait on but the counter.
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Invocations left out because too many operations were already in flight (the services are drowning). */
    public long skipped() {
        return skipped.get();
    }

    private void sendOne() {
        // Drawn before the in-flight check, so that a skipped order leaves the seeded sequence of amounts unchanged.
        String key = UUID.randomUUID().toString();
        String customer = "c-" + (1 + random.nextInt(500));
        BigDecimal amount = random.nextInt(10) == 0
                ? BigDecimal.valueOf(100_001 + random.nextInt(50_000), 2)
                : BigDecimal.valueOf(100 + random.nextInt(90_000), 2);
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        long invokedAt = clockMillis.getAsLong();
        long index = history.invoke(key, invokedAt);
        Attempt first = new Attempt(
                index, key, customer, amount.setScale(2, RoundingMode.UNNECESSARY), currency, invokedAt, (int)
                        (index % orderUrls.size()));
        if (history.inFlight() > MAX_IN_FLIGHT) {
            // A client that gives up before sending: part of the history (a failed order), never sent.
            skipped.incrementAndGet();
            complete(first, 0, Outcome.FAIL, 0, null, null, "skipped: more than " + MAX_IN_FLIGHT + " in flight");
            return;
        }
        send(first, 1, false, null);
    }

    private void send(Attempt op, int attempt, boolean maybeApplied, String lastError) {
        String url = orderUrls.get(instanceFor(op.firstInstance + attempt - 1)) + "/orders";
        String body = "{\"customerId\":\"" + op.customer + "\",\"amount\":" + op.amount.toPlainString()
                + ",\"currency\":\"" + op.currency + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", op.key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure == null) {
                onResponse(op, attempt, maybeApplied, response);
            } else {
                onFailure(op, attempt, maybeApplied, unwrap(failure));
            }
        });
    }

    /** The instance meant ({@code preferred} modulo their number) if admitted, else the next admitted one. */
    private int instanceFor(int preferred) {
        int count = orderUrls.size();
        for (int i = 0; i < count; i++) {
            int candidate = (preferred + i) % count;
            if (admitted.test(candidate)) {
                return candidate;
            }
        }
        return preferred % count;
    }

    private void onResponse(Attempt op, int attempt, boolean maybeApplied, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 202) {
            JsonNode json = parse(response.body());
            complete(op, attempt, Outcome.OK, status, text(json, "id"), text(json, "status"), null);
        } else if (shed(response)) {
            // Refused before any work: not applied, unless an earlier attempt without an answer was.
            Outcome outcome = maybeApplied ? Outcome.UNKNOWN : Outcome.SHED;
            complete(
                    op,
                    attempt,
                    outcome,
                    status,
                    null,
                    null,
                    "HTTP " + status + " shed " + abbreviate(response.body()));
        } else if (status >= 500 && attempt < MAX_ATTEMPTS) {
            send(op, attempt + 1, true, "HTTP " + status);
        } else if (status >= 500) {
            complete(op, attempt, Outcome.UNKNOWN, status, null, null, "HTTP " + status);
        } else {
            // A 4xx refuses the request; an earlier attempt without an answer may still have taken effect.
            Outcome outcome = maybeApplied ? Outcome.UNKNOWN : Outcome.FAIL;
            complete(op, attempt, outcome, status, null, null, "HTTP " + status + " " + abbreviate(response.body()));
        }
    }

    private void onFailure(Attempt op, int attempt, boolean maybeApplied, Throwable failure) {
        // Nothing was sent when the connection was refused or never established.
        boolean refused = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
        boolean applied = maybeApplied || !refused;
        String error =
                failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (attempt < MAX_ATTEMPTS) {
            send(op, attempt + 1, applied, error);
        } else {
            complete(op, attempt, applied ? Outcome.UNKNOWN : Outcome.FAIL, 0, null, null, error);
        }
    }

    private void complete(
            Attempt op, int attempts, Outcome outcome, int status, String orderId, String orderStatus, String error) {
        history.complete(new Operation(
                op.index,
                op.key,
                op.customer,
                op.amount,
                op.currency,
                op.invokedAt,
                clockMillis.getAsLong(),
                outcome,
                status,
                orderId,
                orderStatus,
                attempts,
                error));
    }

    /**
     * A load-shedding answer: {@code 429}, or {@code 503} with {@code Retry-After} (a plain {@code 503} may come from a
     * gateway after the request was forwarded, so it stays unknown).
     */
    private static boolean shed(HttpResponse<?> response) {
        int status = response.statusCode();
        return status == 429
                || (status == 503
                        && response.headers().firstValue("Retry-After").isPresent());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof IOException && current.getCause() instanceof ConnectException connect) {
            return connect;
        }
        return current;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException ex) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private record Attempt(
            long index,
            String key,
            String customer,
            BigDecimal amount,
            String currency,
            long invokedAt,
            int firstInstance) {}
}
