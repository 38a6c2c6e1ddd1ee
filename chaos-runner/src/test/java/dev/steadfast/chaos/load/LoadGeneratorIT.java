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
    private HttpServer server;
    private LoadGenerator load;

    @AfterEach
    void stop() {
        if (load != null) {
            load.close();
        }
        unanswered.forEach(HttpExchange::close);
        if (server != null) {
            server.stop(0);
        }
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
        HttpServer firstServer = server;
        String second = serve(true);
        try {
            load = new LoadGenerator(
                    List.of(first, second), 20, Duration.ofSeconds(2), 1, history, this::now, i -> i == 1);
            load.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> history.operations().size() >= 10);
            load.stop(Duration.ofSeconds(10));
            assertThat(history.operations()).allSatisfy(op -> {
                assertThat(op.outcome()).isEqualTo(Outcome.OK);
                assertThat(op.attempts()).isEqualTo(1);
            });
            assertThat(portsSeen).containsOnly(server.getAddress().getPort());
        } finally {
            firstServer.stop(0);
        }
    }

    private void run(List<String> urls, Duration timeout) {
        load = new LoadGenerator(urls, 20, timeout, 1, history, this::now);
        load.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> history.operations().size() >= 10);
        load.stop(Duration.ofSeconds(10));
        assertThat(history.inFlight()).isZero();
    }

    private String serve(boolean answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/orders", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            keysSeen.add(key);
            portsSeen.add(exchange.getLocalAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            if (!answer) {
                unanswered.add(exchange);
                return;
            }
            byte[] body = ("{\"id\":\"order-" + key + "\",\"status\":\"PAID\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
