package dev.steadfast.demo.order.database;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steadfast.demo.order.PaymentServiceStub;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;

/**
 * The order service on an H2 server in its own process, killed with SIGKILL and restarted on the same port and data
 * while orders keep arriving: the service takes orders again within seconds, and every order it acknowledged, before
 * or after, is still there and gets paid by the outbox once payment-service answers. Under load no pooled connection
 * sits idle long enough for HikariCP to validate it, so without {@link H2ConnectionLossOverride} the pool kept
 * handing out the dead connections and no order was taken after the restart.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "order.outbox.interval=200ms",
            "order.outbox.grace=1s",
            "order.outbox.initial-backoff=200ms",
            "order.outbox.max-backoff=1s",
            "resilience4j.circuitbreaker.instances.payment.wait-duration-in-open-state=500ms"
        })
@Import({PaymentServiceStub.class, H2ServerRestartIT.Database.class})
class H2ServerRestartIT {

    /** Orders in a row that must be taken after the restart before the service counts as recovered. */
    private static final int IN_A_ROW = 10;

    @LocalServerPort
    int port;

    @Autowired
    WireMockServer paymentService;

    @Autowired
    H2TcpServer database;

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Test
    void takesOrdersAgainAndLosesNoneAfterTheDatabaseServerIsKilledAndRestarted() throws Exception {
        // No payment decision until the end: every acknowledged order waits in the outbox across the restart.
        paymentService.stubFor(post(urlEqualTo("/payments")).willReturn(serviceUnavailable()));
        RestClient http = http();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try {
            // One order every 50 ms keeps the pool's connections busy, well inside HikariCP's 500 ms without checks.
            load.scheduleWithFixedDelay(() -> placeOrder(http), 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged().size() >= IN_A_ROW);

            database.kill();
            database.restart();
            long restarted = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lastAttempts())
                    .as("the last %d orders, all placed after the restart", IN_A_ROW)
                    .hasSize(IN_A_ROW)
                    .allSatisfy(attempt -> {
                        assertThat(attempt.startedAt()).isGreaterThan(restarted);
                        assertThat(attempt.status()).isIn(201, 202);
                    }));
        } finally {
            load.shutdownNow();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        List<String> acknowledged = acknowledged();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(acknowledged)
                .as("every acknowledged order, paid through the outbox")
                .allSatisfy(id -> assertThat(statusOf(http, id)).isEqualTo("PAID")));
    }

    private void placeOrder(RestClient http) {
        long startedAt = System.nanoTime();
        try {
            ResponseEntity<Map> response = http.post()
                    .uri("/orders")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("customerId", "c-restart", "amount", new BigDecimal("10.00"), "currency", "EUR"))
                    .retrieve()
                    .toEntity(Map.class);
            Map body = response.getBody();
            String id = (body == null) ? null : (String) body.get("id");
            attempts.add(new Attempt(startedAt, response.getStatusCode().value(), id));
        } catch (RuntimeException ex) {
            attempts.add(new Attempt(startedAt, -1, null));
        }
    }

    private List<String> acknowledged() {
        return attempts.stream()
                .filter(attempt -> attempt.status() == 201 || attempt.status() == 202)
                .map(Attempt::orderId)
                .toList();
    }

    private List<Attempt> lastAttempts() {
        List<Attempt> all = new ArrayList<>(attempts);
        return all.subList(Math.max(0, all.size() - IN_A_ROW), all.size());
    }

    private static String statusOf(RestClient http, String orderId) {
        Map order = http.get().uri("/orders/{id}", orderId).retrieve().body(Map.class);
        // A problem (404) carries its HTTP status under the same name.
        return (order == null) ? null : String.valueOf(order.get("status"));
    }

    private RestClient http() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    /** One order request: when it started, its HTTP status (-1 without an answer), the order it acknowledged. */
    private record Attempt(long startedAt, int status, String orderId) {}

    /** The H2 server, a bean so that it stops after the application; its URL reaches the application. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Database {

        @Bean(destroyMethod = "stop")
        H2TcpServer h2Server() throws IOException {
            return H2TcpServer.start();
        }

        @Bean
        DynamicPropertyRegistrar databaseUrl(H2TcpServer h2Server) {
            return registry -> registry.add("spring.datasource.url", () -> h2Server.url("orders"));
        }
    }
}
