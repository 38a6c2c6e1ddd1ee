package dev.steadfast.demo.payment.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;

/**
 * The payment service on an H2 server in its own process, killed with SIGKILL and restarted on the same port and
 * data while payments keep arriving: the service authorizes again within seconds, and every payment it acknowledged,
 * before or after, is still there and is settled exactly once. Under load no pooled connection sits idle long enough
 * for HikariCP to validate it, so without {@link H2ConnectionLossOverride} the pool kept handing out the dead
 * connections and no payment was authorized after the restart.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"payment.settlement.interval=200ms", "payment.settlement.safety-lag=300ms"})
@Import(H2ServerRestartIT.Database.class)
class H2ServerRestartIT {

    /** Payments in a row that must be authorized after the restart before the service counts as recovered. */
    private static final int IN_A_ROW = 10;

    @LocalServerPort
    int port;

    @Autowired
    H2TcpServer database;

    @Autowired
    JdbcClient jdbc;

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Test
    void authorizesAgainAndLosesNothingAfterTheDatabaseServerIsKilledAndRestarted() throws Exception {
        RestClient http = http();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try {
            // One payment every 50 ms keeps the pool's connections busy, well inside HikariCP's 500 ms without checks.
            load.scheduleWithFixedDelay(() -> pay(http), 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged().size() >= IN_A_ROW);

            database.kill();
            database.restart();
            long restarted = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lastAttempts())
                    .as("the last %d payments, all requested after the restart", IN_A_ROW)
                    .hasSize(IN_A_ROW)
                    .allSatisfy(attempt -> {
                        assertThat(attempt.startedAt()).isGreaterThan(restarted);
                        assertThat(attempt.status()).isEqualTo(201);
                    }));
        } finally {
            load.shutdownNow();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<Attempt> acknowledged = acknowledged();
        assertThat(acknowledged).allSatisfy(attempt -> assertThat(http.get()
                        .uri("/payments/{orderId}", attempt.orderId())
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .as("payment of order %s", attempt.orderId())
                .isEqualTo(200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(acknowledged)
                .as("every acknowledged payment, settled once")
                .allSatisfy(
                        attempt -> assertThat(jdbc.sql("select count(*) from settlement_item where payment_id = :id")
                                        .param("id", attempt.paymentId())
                                        .query(Long.class)
                                        .single())
                                .as("batches with payment %s", attempt.paymentId())
                                .isEqualTo(1)));
    }

    private void pay(RestClient http) {
        long startedAt = System.nanoTime();
        String orderId = UUID.randomUUID().toString();
        try {
            ResponseEntity<Map> response = http.post()
                    .uri("/payments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("orderId", orderId, "amount", new BigDecimal("10.00"), "currency", "EUR"))
                    .retrieve()
                    .toEntity(Map.class);
            Map body = response.getBody();
            String paymentId = (body == null) ? null : String.valueOf(body.get("paymentId"));
            attempts.add(new Attempt(startedAt, response.getStatusCode().value(), orderId, paymentId));
        } catch (RuntimeException ex) {
            attempts.add(new Attempt(startedAt, -1, orderId, null));
        }
    }

    private List<Attempt> acknowledged() {
        return attempts.stream().filter(attempt -> attempt.status() == 201).toList();
    }

    private List<Attempt> lastAttempts() {
        List<Attempt> all = new ArrayList<>(attempts);
        return all.subList(Math.max(0, all.size() - IN_A_ROW), all.size());
    }

    private RestClient http() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    /** One payment request: when it started, its HTTP status (-1 without an answer), its order and payment. */
    private record Attempt(long startedAt, int status, String orderId, String paymentId) {}

    /** The H2 server, a bean so that it stops after the application; its URL reaches the application. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Database {

        @Bean(destroyMethod = "stop")
        H2TcpServer h2Server() throws IOException {
            return H2TcpServer.start();
        }

        @Bean
        DynamicPropertyRegistrar databaseUrl(H2TcpServer h2Server) {
            return registry -> registry.add("spring.datasource.url", () -> h2Server.url("payment"));
        }
    }
}
