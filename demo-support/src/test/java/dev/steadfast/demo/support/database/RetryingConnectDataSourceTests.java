package dev.steadfast.demo.support.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class RetryingConnectDataSourceTests {

    private final Refusing target = new Refusing();

    @Test
    void retriesAFailedConnectUntilItSucceeds() throws SQLException {
        target.refuse(3);
        var retrying = new RetryingConnectDataSource(target, Duration.ofMillis(1), Duration.ofSeconds(30), () -> true);

        try (Connection connection = retrying.getConnection("sa", "")) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(target.connects).hasValue(4);
    }

    @Test
    void failsWithTheLastFailureOnceTheWindowIsOver() {
        target.refuse(Integer.MAX_VALUE);
        var retrying = new RetryingConnectDataSource(target, Duration.ofMillis(10), Duration.ofMillis(50), () -> true);

        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> retrying.getConnection("sa", ""))
                .withMessage("refused " + target.connects.get());
        // The first connect, then one every 10 ms that starts within 50 ms of the first.
        assertThat(target.connects.get()).isBetween(2, 5);
    }

    @Test
    void failsAtOnceWhileNotRetrying() {
        target.refuse(1);
        var retrying = new RetryingConnectDataSource(target, Duration.ofMillis(1), Duration.ofSeconds(30), () -> false);

        assertThatExceptionOfType(SQLException.class).isThrownBy(() -> retrying.getConnection("sa", ""));
        assertThat(target.connects).hasValue(1);
    }

    @Test
    void stopsRetryingWhenInterrupted() {
        target.refuse(Integer.MAX_VALUE);
        var retrying = new RetryingConnectDataSource(target, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> true);

        Thread.currentThread().interrupt();
        try {
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> retrying.getConnection("sa", ""))
                    .satisfies(ex -> assertThat(ex.getSuppressed()).hasSize(1));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(target.connects).hasValue(1);
    }

    @Test
    void rejectsAWindowShorterThanTheInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryingConnectDataSource(
                        target, Duration.ofSeconds(1), Duration.ofMillis(500), () -> true))
                .withMessageContaining("window at least interval");
    }

    /** An in-memory H2 database that refuses the first connects it is asked for. */
    private static final class Refusing extends DelegatingDataSource {

        final AtomicInteger connects = new AtomicInteger();

        private int refusals;

        Refusing() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:refusing;DB_CLOSE_DELAY=-1");
            setTargetDataSource(h2);
        }

        void refuse(int count) {
            refusals = count;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            int connect = connects.incrementAndGet();
            if (connect <= refusals) {
                throw new SQLException("refused " + connect, "08001");
            }
            return super.getConnection(username, password);
        }
    }
}
