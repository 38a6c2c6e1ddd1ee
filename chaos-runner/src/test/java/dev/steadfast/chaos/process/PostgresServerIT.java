package dev.steadfast.chaos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's own PostgreSQL server (Debian's postgresql-15 binaries, which .ci/run installs) crashed and restarted. */
class PostgresServerIT {

    private static final int ROWS = 500;

    @TempDir
    Path dir;

    @BeforeEach
    void letTheServiceUserReachTheRunDirectory() throws Exception {
        // A temporary directory is private to its owner; run directories are not, and as root the server runs as
        // the user postgres, which must reach its data directory inside.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void keepsEveryCommittedRowWhenThePostmasterAndItsChildrenAreKilledAndRestarted() throws Exception {
        try (PostgresServer server = newServer()) {
            server.start();
            ManagedProcess postmaster = server.ownProcess().orElseThrow();
            // Held open as a service's pool holds its connections: each has a backend process of its own.
            Connection pooled = server.connectPayment();
            commitRows(server);
            long oldPid = postmaster.pid();
            List<ProcessHandle> backends =
                    ProcessHandle.of(oldPid).orElseThrow().descendants().toList();
            assertThat(backends).isNotEmpty();

            postmaster.kill();

            assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(backends).noneMatch(ProcessHandle::isAlive);
            assertThatThrownBy(() -> count(pooled)).isInstanceOf(SQLException.class);
            assertThatThrownBy(server::connectPayment).isInstanceOf(SQLException.class);

            server.start();

            assertThat(postmaster.pid()).isNotEqualTo(oldPid);
            try (Connection payment = server.connectPayment()) {
                assertThat(count(payment)).isEqualTo(ROWS);
            }
            // Recovery from the write-ahead log, not a clean shutdown, brought them back.
            assertThat(Files.readString(postmaster.logFile())).contains("automatic recovery in progress");
        }
    }

    @Test
    void givesEachServiceAnEmptySchemaOfItsOwnOnlyOnItsFirstStart() throws Exception {
        try (PostgresServer server = newServer()) {
            server.start();
            try (Connection order = server.connectOrder();
                    Statement statement = order.createStatement()) {
                statement.execute("CREATE TABLE orders(id INT PRIMARY KEY)");
                statement.execute("INSERT INTO orders VALUES (1)");
            }
            try (Connection payment = server.connectPayment();
                    Statement statement = payment.createStatement();
                    ResultSet tables = statement.executeQuery(
                            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }

            server.close();
            server.start();

            try (Connection order = server.connectOrder();
                    Statement statement = order.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    private PostgresServer newServer() {
        return new PostgresServer(dir, new Ports(0), PostgresServer.DEBIAN_BINARIES, "steadfast", "steadfast");
    }

    /** One transaction per row, as the services commit: each commit returned before the kill must survive it. */
    static void commitRows(SharedDatabase database) throws SQLException {
        try (Connection payment = database.connectPayment()) {
            try (Statement statement = payment.createStatement()) {
                statement.execute("CREATE TABLE payment(id INT PRIMARY KEY)");
            }
            try (PreparedStatement insert = payment.prepareStatement("INSERT INTO payment VALUES (?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setInt(1, i);
                    insert.executeUpdate();
                }
            }
        }
    }

    static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM payment")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
