package dev.steadfast.chaos.process;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database server that every instance shares, with one database (or schema) per service, as the demo
 * services run in production.
 */
public interface SharedDatabase extends AutoCloseable {

    /** Starts the server (when the runner owns it) and prepares empty databases for both services. */
    void start();

    String paymentUrl();

    String orderUrl();

    /** Where the server listens: the runner puts each instance's proxy in front of it. */
    InetSocketAddress address();

    /** {@code url} of this database reached through {@code port} on loopback instead of its own address. */
    static String throughLoopbackPort(String url, InetSocketAddress address, int port) {
        String direct = "//" + address.getHostString() + ":" + address.getPort() + "/";
        if (!url.contains(direct)) {
            throw new IllegalArgumentException(
                    url + " does not name " + direct + ": give the database URL with host and port");
        }
        return url.replace(direct, "//127.0.0.1:" + port + "/");
    }

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

    /**
     * The server's process when this run started it and may crash it; empty for a server the machine or a compose
     * project owns (the machine's PostgreSQL serves other users too, so a run never kills it).
     */
    default Optional<ManagedProcess> ownProcess() {
        return Optional.empty();
    }

    @Override
    void close();
}
