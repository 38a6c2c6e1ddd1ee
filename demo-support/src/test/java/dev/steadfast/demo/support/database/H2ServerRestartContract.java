package dev.steadfast.demo.support.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;

/**
 * A demo service on an H2 server in its own process, killed with SIGKILL and restarted on the same port and data
 * while requests keep arriving: the service acknowledges requests again within seconds, and what it acknowledged,
 * before or after, is still there (each service says how it checks that). Under load no pooled connection sits idle
 * long enough for HikariCP to validate it, so without {@link H2ConnectionLossOverride} the pool kept handing out the
 * dead connections and no request was acknowledged after the restart.
 *
 * <p>A service's IT extends this class, is a {@code @SpringBootTest} on a random port and imports {@link Database}.
 */
public abstract class H2ServerRestartContract {

    /** Requests in a row that must be acknowledged after the restart before the service counts as recovered. */
    private static final int IN_A_ROW = 10;

    @LocalServerPort
    private int port;

    @Autowired
    private H2TcpServer database;

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /** Sends one request that writes to the database, such as placing an order. */
    protected abstract ResponseEntity<Map> send(RestClient http);

    /** Whether a request answered with this status was acknowledged: the service promised to keep it. */
    protected abstract boolean acknowledges(int status);

    /**
     * Asserts that what every acknowledged request wrote survived the restart, awaiting the service's asynchronous
     * work where there is some.
     *
     * @param acknowledged the answers' bodies of the acknowledged requests, in order
     */
    protected abstract void assertNothingLost(RestClient http, List<Map<String, Object>> acknowledged);

    /** Runs before the load starts; a service stubs its dependencies here. */
    protected void beforeLoad() {}

    @Test
    void acknowledgesAgainAndLosesNothingAfterTheDatabaseServerIsKilledAndRestarted() throws Exception {
        beforeLoad();
        RestClient http = http();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try {
            // One request every 50 ms keeps the pool's connections busy, well inside HikariCP's 500 ms without checks.
            load.scheduleWithFixedDelay(() -> attempt(http), 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged().size() >= IN_A_ROW);

            database.kill();
            database.restart();
            long restarted = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lastAttempts())
                    .as("the last %d requests, all sent after the restart", IN_A_ROW)
                    .hasSize(IN_A_ROW)
                    .allSatisfy(attempt -> {
                        assertThat(attempt.startedAt()).isGreaterThan(restarted);
                        assertThat(acknowledges(attempt.status()))
                                .as("status %d acknowledges", attempt.status())
                                .isTrue();
                    }));
        } finally {
            load.shutdownNow();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertNothingLost(http, acknowledged());
    }

    @SuppressWarnings("unchecked")
    private void attempt(RestClient http) {
        long startedAt = System.nanoTime();
        try {
            ResponseEntity<Map> response = send(http);
            attempts.add(new Attempt(startedAt, response.getStatusCode().value(), response.getBody()));
        } catch (RuntimeException ex) {
            attempts.add(new Attempt(startedAt, -1, null));
        }
    }

    private List<Map<String, Object>> acknowledged() {
        return attempts.stream()
                .filter(attempt -> acknowledges(attempt.status()))
                .map(Attempt::body)
                .toList();
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

    /** One request: when it started, its HTTP status (-1 without an answer), its answer's body. */
    private record Attempt(long startedAt, int status, Map<String, Object> body) {}

    /** The H2 server, a bean so that it stops after the application; its URL reaches the application. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Database {

        @Bean(destroyMethod = "stop")
        H2TcpServer h2Server() throws IOException {
            return H2TcpServer.start();
        }

        @Bean
        DynamicPropertyRegistrar databaseUrl(H2TcpServer h2Server) {
            // One server per test, in a directory of its own: the database's name need not differ per service.
            return registry -> registry.add("spring.datasource.url", () -> h2Server.url("demo"));
        }
    }
}
