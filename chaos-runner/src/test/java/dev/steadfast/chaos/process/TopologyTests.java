package dev.steadfast.chaos.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database actions of a run's start and {@link Topology#heal()}: start starts the database; heal starts again
 * only a server the run owns that is down, and never another, whose start would drop the services' schemas.
 */
class TopologyTests {

    @TempDir
    Path dir;

    @Test
    void startStartsTheDatabase() {
        RecordingDatabase database = new RecordingDatabase(null);
        try (Topology topology = topology(database)) {
            topology.start();

            assertThat(database.starts).isEqualTo(1);
        }
    }

    @Test
    void healLeavesADatabaseTheRunDoesNotOwnAlone() {
        RecordingDatabase database = new RecordingDatabase(null);
        try (Topology topology = topology(database)) {
            topology.start();

            topology.heal();

            // Starting it again would drop and create the services' schemas (PostgresDatabase.start).
            assertThat(database.starts).isEqualTo(1);
        }
    }

    @Test
    void healLeavesTheRunsOwnServerAloneWhileItRuns() {
        RecordingDatabase database = new RecordingDatabase(server());
        try (Topology topology = topology(database)) {
            topology.start();
            long pid = database.server.pid();

            topology.heal();

            assertThat(database.starts).isEqualTo(1);
            assertThat(database.server.pid()).isEqualTo(pid);
        }
    }

    @Test
    void healStartsTheRunsOwnServerAgainWhenItIsDown() {
        RecordingDatabase database = new RecordingDatabase(server());
        try (Topology topology = topology(database)) {
            topology.start();
            long pid = database.server.pid();
            database.server.kill();

            topology.heal();

            assertThat(database.starts).isEqualTo(2);
            assertThat(database.server.isAlive()).isTrue();
            assertThat(database.server.pid()).isNotEqualTo(pid);
        }
    }

    private Topology topology(SharedDatabase database) {
        return new Topology(
                ZooKeeperEnsemble.of(List.of(), List.of(), List.of()),
                database,
                List.of(),
                List.of(),
                null,
                () -> {},
                Duration.ofSeconds(10));
    }

    /** A real process standing in for a database server: it runs until it is killed. */
    private ManagedProcess server() {
        return new ManagedProcess("server", List.of("sleep", "600"), Map.of(), dir.resolve("server.log"));
    }

    /** A database that counts its starts: with a real process as the server the run owns, or without one. */
    private static final class RecordingDatabase implements SharedDatabase {

        private final ManagedProcess server;
        private int starts;

        RecordingDatabase(ManagedProcess server) {
            this.server = server;
        }

        @Override
        public void start() {
            starts++;
            if (server != null) {
                server.start();
            }
        }

        @Override
        public Optional<ManagedProcess> ownProcess() {
            return Optional.ofNullable(server);
        }

        @Override
        public String paymentUrl() {
            return "jdbc:h2:mem:payment";
        }

        @Override
        public String orderUrl() {
            return "jdbc:h2:mem:orders";
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public String user() {
            return "steadfast";
        }

        @Override
        public String password() {
            return "steadfast";
        }

        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public void close() {
            if (server != null) {
                server.kill();
            }
        }
    }
}
