package dev.steadfast.demo.support.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A pool configured as the demo services configure theirs, on an H2 server process that is killed, held down until
 * HikariCP's connection adder sleeps its longest (5 s) between connects, and started again right after one of its
 * connects was refused: with {@link HikariConnectRetry} a borrower has a connection soon after the server accepts
 * again; HikariCP alone leaves every borrower waiting until its sleep ends, 3.5-4.5 s later here.
 */
class HikariConnectRetryIT {

    /**
     * How long the server stays down at least. H2's client retries a refused connect itself for about 1.24 s (16 tries,
     * {@code h2.socketConnectRetry}), so HikariCP's adder, sleeping 10 ms doubling after each failure, fails for the
     * tenth time and starts sleeping 5 s about 17.5 s into the outage.
     */
    private static final Duration HELD_DOWN = Duration.ofSeconds(17);

    /**
     * From the server accepting to the first query answered. HikariCP alone takes its 5 s sleep less the restart (4.8 s
     * here); with the retry 0.5-1.6 s here, the upper figure under a load average of about 13.
     */
    private static final Duration RECONNECTED_WITHIN = Duration.ofMillis(3500);

    private final List<Long> answered = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();

    private H2TcpServer server;

    private HikariDataSource pool;

    @AfterEach
    void stop() throws InterruptedException {
        load.shutdownNow();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void answersSoonAfterTheServerAcceptsAgainWhenTheOutageOutlastedHikarisBackOff() throws Exception {
        server = H2TcpServer.start();
        Connects connects = new Connects(
                new DriverDataSource(server.url("demo"), Driver.class.getName(), new Properties(), "sa", ""));
        pool = new HikariDataSource();
        pool.setJdbcUrl(server.url("demo"));
        pool.setUsername("sa");
        pool.setExceptionOverrideClassName(H2ConnectionLossOverride.class.getName());
        pool.setDataSource(connects);
        HikariConnectRetry.install(pool);
        load.scheduleWithFixedDelay(this::query, 0, 50, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !answered.isEmpty());

        server.kill();
        long killed = System.nanoTime();
        long heldDown = killed + HELD_DOWN.toNanos();
        await().atMost(HELD_DOWN.plusSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> connects.refusedAt.stream().anyMatch(at -> at - heldDown > 0));
        long lastRefused = connects.refusedAt.get(connects.refusedAt.size() - 1);
        server.restart();
        long accepting = System.nanoTime();
        long firstAnswer = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> answered.stream().filter(at -> at - accepting > 0).findFirst(), Optional::isPresent)
                .orElseThrow();

        long reconnected = millis(firstAnswer - accepting);
        System.out.printf(
                "RECONNECT refused_last_at_ms=%d accepting_at_ms=%d first_answer_after_accepting_ms=%d%n",
                millis(lastRefused - killed), millis(accepting - killed), reconnected);
        assertThat(Duration.ofMillis(reconnected)).isLessThan(RECONNECTED_WITHIN);
    }

    private void query() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            answered.add(System.nanoTime());
        } catch (SQLException ex) {
            // The server is down, or the pool gave out a connection it had before the kill: the next query tells.
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** The driver's data source under everything else, noting when each refused connect failed. */
    private static final class Connects extends DelegatingDataSource {

        final List<Long> refusedAt = new CopyOnWriteArrayList<>();

        Connects(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            try {
                return super.getConnection(username, password);
            } catch (SQLException ex) {
                refusedAt.add(System.nanoTime());
                throw ex;
            }
        }
    }
}
