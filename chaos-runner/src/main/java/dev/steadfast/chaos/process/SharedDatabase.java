package dev.steadfast.chaos.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The database server that every instance shares, with one database (or schema) per service, as the demo
 * services run in production.
 */
public interface SharedDatabase extends AutoCloseable {

    /** Starts the server (when the runner owns it) and prepares empty databases for both services. */
    void start();

    String paymentUrl();

    String orderUrl();

    String user();

    String password();

    /** A short name for reports: {@code h2} or {@code postgres}. */
    String kind();

    default Connection connectPayment() throws SQLException {
        return DriverManager.getConnection(paymentUrl(), user(), password());
    }

    default Connection connectOrder() throws SQLException {
        return DriverManager.getConnection(orderUrl(), user(), password());
    }

    @Override
    void close();
}
