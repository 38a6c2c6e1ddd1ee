package dev.steadfast.chaos.compose;

import dev.steadfast.chaos.process.ManagedProcess;
import dev.steadfast.chaos.process.SharedDatabase;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The compose project's PostgreSQL container, read by the runner through its port published on loopback. Its
 * init script creates the databases {@code payment} and {@code orders}; the instances reach it as {@code
 * postgres:5432} on the project's network.
 */
final class ComposeDatabase implements SharedDatabase {

    static final String USER = "steadfast";
    static final String PASSWORD = "steadfast";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ContainerProcess container;
    private final int port;

    ComposeDatabase(ContainerProcess container, int port) {
        this.container = container;
        this.port = port;
    }

    ContainerProcess container() {
        return container;
    }

    /** Starts the container and waits until both databases accept connections (the init script has run). */
    @Override
    public void start() {
        container.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection payment = connectPayment();
                    Connection order = connectOrder()) {
                return;
            } catch (SQLException ex) {
                last = ex;
            }
            if (!container.isAlive()) {
                throw new IllegalStateException("The postgres container exited; see " + container.logFile());
            }
            sleep();
        }
        throw new IllegalStateException(
                "PostgreSQL on 127.0.0.1:" + port + " not ready after " + START_TIMEOUT.toSeconds() + "s", last);
    }

    @Override
    public String paymentUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/payment";
    }

    @Override
    public String orderUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/orders";
    }

    /** Its port published on loopback: what the runner reads; the containers reach it on their own network. */
    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String kind() {
        return "postgres (container)";
    }

    /**
     * The container, which belongs to the run's compose project: {@code restart-database} kills it ({@code docker
     * kill -s KILL}, every process in it) and starts it again on the same data, where the server recovers from its
     * write-ahead log and the init script does not run again.
     */
    @Override
    public Optional<ManagedProcess> ownProcess() {
        return Optional.of(container);
    }

    @Override
    public void close() {
        // The compose project's teardown removes the container and its volume.
    }

    /** The server is starting in another container; there is nothing to wait on but the next attempt. */
    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }
}
