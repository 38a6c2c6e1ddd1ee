package dev.steadfast.demo.support.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source a HikariCP pool connects through, retrying a failed connect at a short fixed interval, so that the
 * pool has a connection within about that interval of its database server accepting connections again.
 *
 * <p>HikariCP (7.0.2, {@code HikariPool.PoolEntryCreator}) adds connections on one thread, which after each failed
 * connect sleeps 10 ms, doubling up to a fixed 5 s, and no setting changes that: after an outage of more than a few
 * seconds the pool tries again up to 5 s after the server is back, and every borrower waits meanwhile. A connect that
 * fails here is tried again every {@code interval} for up to {@code window} before the pool sees it fail, so the pool's
 * back-off grows once per window instead of once per connect.
 *
 * <p>Only while {@code retrying} holds (the pool runs): the pool's first connect at start-up, and connects after it
 * was closed or suspended, fail as HikariCP alone would let them, at once.
 */
public final class RetryingConnectDataSource implements DataSource {

    private final DataSource target;

    private final long intervalNanos;

    private final long windowNanos;

    private final BooleanSupplier retrying;

    /**
     * @param target the data source that makes the connections, such as HikariCP's own {@code DriverDataSource}
     * @param interval the time between the start of one connect and the next while they fail
     * @param window how long a failing connect is retried before its last failure reaches the pool
     * @param retrying whether to retry now (while the pool runs)
     */
    public RetryingConnectDataSource(DataSource target, Duration interval, Duration window, BooleanSupplier retrying) {
        if (interval.isNegative() || interval.isZero() || window.compareTo(interval) < 0) {
            throw new IllegalArgumentException(
                    "interval must be positive and window at least interval, not " + interval + " and " + window);
        }
        this.target = target;
        this.intervalNanos = interval.toNanos();
        this.windowNanos = window.toNanos();
        this.retrying = retrying;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(target::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(() -> target.getConnection(username, password));
    }

    private Connection connect(Connect connect) throws SQLException {
        long start = System.nanoTime();
        while (true) {
            long attempt = System.nanoTime();
            try {
                return connect.connect();
            } catch (SQLException ex) {
                long next = attempt + intervalNanos;
                if (!retrying.getAsBoolean() || next - start > windowNanos) {
                    throw ex;
                }
                pauseUntil(next, ex);
            }
        }
    }

    private static void pauseUntil(long nanoTime, SQLException failure) throws SQLException {
        long remaining = nanoTime - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(ex);
            throw failure;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }

    @FunctionalInterface
    private interface Connect {
        Connection connect() throws SQLException;
    }
}
