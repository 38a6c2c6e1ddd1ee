package dev.steadfast.chaos.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steadfast.chaos.process.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against real HTTP servers on loopback standing in for order instances. */
class LoadGeneratorIT {

    private final Queue<String> keysSeen = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> portsSeen = new ConcurrentLinkedQueue<>();
    private final Queue<HttpExchange> unanswered = new ConcurrentLinkedQueue<>();
    private final History history = new History();
    private final long start = System.nanoTime();
    private final List<HttpServer> servers = new ArrayList<>();
    private LoadGenerator load;

    @AfterEach
    void stop() {
        if (load != null) {
            load.close();
        }
        unanswered.forEach(HttpExchange::close);
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void sendsTheSameKeyToTheOtherInstanceWhenAConnectionIsRefused() throws IOException {
        String answering = serve(true);
        String refusing = "http://127.0.0.1:" + new Ports(0).next();

        run(List.of(refusing, answering), Duration.ofSeconds(2));

        List<Operation> operations = history.operations();
        assertThat(operations).allSatisfy(op -> assertThat(op.outcome()).isEqualTo(Outcome.OK));
        assertThat(operations).filteredOn(op -> op.attempts() == 2).isNotEmpty();
        assertThat(keysSeen).doesNotHaveDuplicates().hasSize(operations.size());
        assertThat(operations).allSatisfy(op -> assertThat(op.orderId()).isEqualTo("order-" + op.idempotencyKey()));
    }

    @Test
    void recordsAnOperationWithoutAnAnswerAsUnknownAndOneNobodyAcceptedAsFailed() throws IOException {
        String silent = serve(false);
        String refusing = "http://127.0.0.1:" + new Ports(0).next();

        run(List.of(silent, refusing), Duration.ofMillis(300));

        List<Operation> operations = history.operations();
        assertThat(operations).allSatisfy(op -> assertThat(op.outcome()).isEqualTo(Outcome.UNKNOWN));

        History refused = new History();
        try (LoadGenerator alone =
                new LoadGenerator(List.of(refusing), 20, Duration.ofMillis(300), 1, refused, this::now)) {
            alone.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> refused.ok() + refused.failed() + refused.unknown() >= 3);
            alone.stop(Duration.ofSeconds(5));
        }
        assertThat(refused.operations())
                .allSatisfy(op -> assertThat(op.outcome()).isEqualTo(Outcome.FAIL));
    }

    @Test
    void sendsNewOrdersOnlyToAdmittedInstances() throws IOException {
        String first = serve(true);
        String second = serve(true);
        load = new LoadGenerator(List.of(first, second), 20, Duration.ofSeconds(2), 1, history, this::now, i -> i == 1);
        load.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> history.operations().size() >= 10);
        load.stop(Duration.ofSeconds(10));
        assertThat(history.operations()).allSatisfy(op -> {
            assertThat(op.outcome()).isEqualTo(Outcome.OK);
            assertThat(op.attempts()).isEqualTo(1);
        });
        assertThat(portsSeen).containsOnly(Integer.parseInt(second.substring(second.lastIndexOf(':') + 1)));
    }

    @Test
    void recordsAShedAnswerAsShedAndDoesNotSendItAgain() throws IOException {
        String unavailable = serve(refusing(503, true));
        String tooMany = serve(refusing(429, false));

        run(List.of(unavailable, tooMany), Duration.ofSeconds(2));

        List<Operation> operations = history.operations();
        assertThat(operations).allSatisfy(op -> {
            assertThat(op.outcome()).isEqualTo(Outcome.SHED);
            assertThat(op.attempts()).isEqualTo(1);
            assertThat(op.httpStatus()).isIn(429, 503);
        });
        assertThat(operations).extracting(Operation::httpStatus).contains(429, 503);
        assertThat(keysSeen).doesNotHaveDuplicates().hasSize(operations.size());
        assertThat(history.shed()).isEqualTo(operations.size());
    }

    @Test
    void sendsA503WithoutRetryAfterToTheOtherInstanceAndEndsItUnknown() throws IOException {
        String plain = serve(refusing(503, false));

        run(List.of(plain), Duration.ofSeconds(2));

        assertThat(history.operations()).allSatisfy(op -> {
            assertThat(op.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(op.attempts()).isEqualTo(3);
        });
    }

    @Test
    void sendsAtSeveralTimesTheRateDuringABurstAndAtTheRateAfterIt() throws IOException {
        String answering = serve(true);
        load = new LoadGenerator(List.of(answering), 20, Duration.ofSeconds(2), 1, history, this::now);
        load.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> history.invoked() >= 10);
        long burstStart = now();
        load.burst(5, Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> now() >= burstStart + 4_000);
        load.stop(Duration.ofSeconds(10));

        // 100 orders/s in the burst, 20 after it; wide margins for a loaded machine.
        assertThat(invokedBetween(burstStart, burstStart + 2_000)).isBetween(120L, 260L);
        assertThat(invokedBetween(burstStart + 3_000, burstStart + 4_000)).isBetween(5L, 50L);
        assertThat(history.operations())
                .allSatisfy(op -> assertThat(op.outcome()).isEqualTo(Outcome.OK));
        assertThat(keysSeen).doesNotHaveDuplicates();
    }

    private long invokedBetween(long from, long to) {
        return history.operations().stream()
                .filter(op -> op.invokedAtMillis() >= from && op.invokedAtMillis() < to)
                .count();
    }

    private void run(List<String> urls, Duration timeout) {
        load = new LoadGenerator(urls, 20, timeout, 1, history, this::now);
        load.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> history.operations().size() >= 10);
        load.stop(Duration.ofSeconds(10));
        assertThat(history.inFlight()).isZero();
    }

    private String serve(boolean answer) throws IOException {
        return serve(answer ? LoadGeneratorIT::created : unanswered::add);
    }

    private String serve(Answer answer) throws IOException {
        HttpServer instance = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        instance.setExecutor(Executors.newFixedThreadPool(4));
        instance.createContext("/orders", exchange -> {
            keysSeen.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            portsSeen.add(exchange.getLocalAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            answer.answer(exchange);
        });
        instance.start();
        servers.add(instance);
        return "http://127.0.0.1:" + instance.getAddress().getPort();
    }

    private static void created(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        byte[] body = ("{\"id\":\"order-" + key + "\",\"status\":\"PAID\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** An answer as a load-shedding filter gives it: at once, problem details, {@code Retry-After} when asked. */
    private static Answer refusing(int status, boolean retryAfter) {
        return exchange -> {
            byte[] body = ("{\"title\":\"Overloaded\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            if (retryAfter) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
    }

    @FunctionalInterface
    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
