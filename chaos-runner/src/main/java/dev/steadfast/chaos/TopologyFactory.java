package dev.steadfast.chaos;

import dev.steadfast.chaos.compose.ComposeTopology;
import dev.steadfast.chaos.fault.Failpoint;
import dev.steadfast.chaos.fault.FaultKind;
import dev.steadfast.chaos.fault.FaultSchedule;
import dev.steadfast.chaos.process.H2Server;
import dev.steadfast.chaos.process.Ports;
import dev.steadfast.chaos.process.PostgresDatabase;
import dev.steadfast.chaos.process.PostgresServer;
import dev.steadfast.chaos.process.SharedDatabase;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.process.ZooKeeperEnsemble;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a run's topology from its options: local processes (ZooKeeper, H2 or PostgreSQL, the demo services) or the
 * containers of a compose project, with every test-only failpoint announced before anything starts.
 */
final class TopologyFactory {

    private final RunOptions options;
    private final PrintStream out;

    TopologyFactory(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The topology of this run, not yet started. */
    Topology create(Path dir, Ports ports) {
        return topology(dir, ports, environment());
    }

    /** The services' test-only environment: the failpoints asked for, and the delay that aimed faults need. */
    private Map<String, Map<String, String>> environment() {
        Map<String, Map<String, String>> environment = new HashMap<>();
        for (Failpoint failpoint : options.failpoints()) {
            environment
                    .computeIfAbsent(failpoint.service(), service -> new HashMap<>())
                    .merge(failpoint.environmentVariable(), failpoint.label(), (a, b) -> a + "," + b);
            if (failpoint == Failpoint.SKIP_DATABASE_FENCE
                    && !options.failpoints().contains(Failpoint.SKIP_ASSERT_LEADER)) {
                out.printf(
                        "TEST-ONLY failpoint %s on in %s: alone it is not caught, since the lease check of"
                                + " assertLeader refuses a deposed leader first; with skip-assert-leader too, invariant 4 must"
                                + " FAIL%n",
                        failpoint.label(), failpoint.service());
            } else {
                out.printf(
                        "TEST-ONLY failpoint %s on in %s: invariant %d must FAIL%n",
                        failpoint.label(), failpoint.service(), failpoint.invariant());
            }
        }
        if (options.faults() && FaultKind.AIMED.stream().anyMatch(options.faultKinds()::contains)) {
            // The window a pause inside settlement is aimed at: test-only, announced in the log.
            environment
                    .computeIfAbsent(Topology.PAYMENT, service -> new HashMap<>())
                    .put("PAYMENT_FAILPOINTS_SETTLEMENT_DELAY", FaultSchedule.SETTLEMENT_DELAY.toMillis() + "ms");
            out.printf(
                    "TEST-ONLY settlement delay of %d ms in the payment service, to aim %s%n",
                    FaultSchedule.SETTLEMENT_DELAY.toMillis(), FaultKind.AIMED);
        }
        return environment;
    }

    /** The local processes, or with --compose the containers of a compose project of this run's own. */
    private Topology topology(Path dir, Ports ports, Map<String, Map<String, String>> environment) {
        if (options.compose()) {
            out.println("Creating the compose project's containers (builds the service images when they changed)");
            return ComposeTopology.create(options.projectDir(), dir, ports, options.seed());
        }
        SharedDatabase database;
        if (!options.database().equals("postgres")) {
            database = new H2Server(dir, ports);
        } else if (options.postgresUrl() != null) {
            database = new PostgresDatabase(options.postgresUrl(), options.postgresUser(), options.postgresPassword());
        } else {
            database = new PostgresServer(
                    dir, ports, options.postgresBinaries(), options.postgresUser(), options.postgresPassword());
        }
        ZooKeeperEnsemble zooKeeper = new ZooKeeperEnsemble(options.zkServers(), dir, ports);
        return new Topology(zooKeeper, database, options.projectDir(), dir, ports, 2, environment);
    }
}
