package dev.steadfast.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.observe.LeaderObserver;
import dev.steadfast.chaos.process.ManagedProcess;
import dev.steadfast.chaos.process.Ports;
import dev.steadfast.chaos.process.PostgresServer;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.process.ZooKeeperEnsemble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code restart-database} fault against the run's own PostgreSQL server: a real crash and a real restart. */
class RestartDatabaseFaultIT {

    @TempDir
    Path dir;

    @Test
    void killsTheRunsOwnPostgresServerAndStartsItAgainOnTheSameData() throws Exception {
        // As root the server runs as the user postgres, which must reach its data directory in here.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PostgresServer database =
                new PostgresServer(dir, new Ports(0), PostgresServer.DEBIAN_BINARIES, "steadfast", "steadfast");
        try (Topology topology = new Topology(
                ZooKeeperEnsemble.of(List.of(), List.of(), List.of()),
                database,
                List.of(),
                List.of(),
                null,
                () -> {},
                Duration.ofSeconds(60))) {
            topology.start();
            try (Connection payment = database.connectPayment();
                    Statement statement = payment.createStatement()) {
                statement.execute("CREATE TABLE payment(id INT PRIMARY KEY)");
                statement.execute("INSERT INTO payment SELECT generate_series(1, 100)");
            }
            ManagedProcess server = database.ownProcess().orElseThrow();
            long oldPid = server.pid();
            FaultSchedule schedule = FaultSchedule.generate(
                    1, Duration.ofMinutes(1), Duration.ofSeconds(12), 2, EnumSet.of(FaultKind.RESTART_DATABASE));
            ScheduledFault first = schedule.faults().get(0);
            FaultInjector injector = new FaultInjector(
                    topology, new LeaderObserver(List.of(), System::currentTimeMillis), System::currentTimeMillis);

            // The load window holds the first fault only: it is due now, and the window ends a moment later.
            long now = System.currentTimeMillis();
            injector.start(schedule, now - first.atMillis(), now + 1);
            injector.awaitQuiet(Duration.ofMinutes(2));

            assertThat(injector.events()).singleElement().satisfies(event -> {
                assertThat(event.kind()).isEqualTo(FaultKind.RESTART_DATABASE);
                assertThat(event.detail()).startsWith("kill -9 of the database server (pid " + oldPid);
            });
            assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(server.isAlive()).isTrue();
            assertThat(server.pid()).isNotEqualTo(oldPid);
            try (Connection payment = database.connectPayment();
                    Statement statement = payment.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM payment")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(100);
            }
            assertThat(Files.readString(server.logFile())).contains("automatic recovery in progress");
        }
    }
}
