package dev.steadfast.chaos;

import dev.steadfast.chaos.fault.Failpoint;
import dev.steadfast.chaos.fault.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run does, as given on the command line.
 *
 * @param seed the seed of the fault schedule and the order amounts
 * @param duration how long the load (and the faults) last
 * @param warmup how long orders are sent before the measured load starts
 * @param rate orders per second
 * @param zkServers 1 for one ZooKeeper server, 3 for an ensemble
 * @param database {@code h2} or {@code postgres}
 * @param faults whether to inject faults (false: the baseline)
 * @param baseline whether to measure a fault-free baseline of the same duration first, in the same run
 * @param output the run's output folder
 * @param basePort the first port to use, or 0 for free ephemeral ports
 * @param projectDir the checkout whose demo service jars are run
 * @param pause how long a paused leader stays frozen
 * @param drainTimeout how long to wait after the load for pending orders and settlement to finish
 * @param requestTimeout how long a client waits for one answer
 * @param postgresUrl the JDBC URL of a running PostgreSQL server for {@code --db postgres}, or null for a server of
 *     the run's own
 * @param postgresBinaries the folder with {@code initdb} and {@code postgres} for the run's own server
 * @param postgresUser its user
 * @param postgresPassword its password
 * @param compose whether to run the zookeeper-compose containers instead of local processes
 * @param failpoints the test-only failpoints to turn on in the services
 * @param faultKinds the kinds of fault the schedule may draw
 */
public record RunOptions(
        long seed,
        Duration duration,
        Duration warmup,
        double rate,
        int zkServers,
        String database,
        boolean faults,
        boolean baseline,
        Path output,
        int basePort,
        Path projectDir,
        Duration pause,
        Duration drainTimeout,
        Duration requestTimeout,
        String postgresUrl,
        Path postgresBinaries,
        String postgresUser,
        String postgresPassword,
        boolean compose,
        List<Failpoint> failpoints,
        Set<FaultKind> faultKinds) {

    /** The command line that repeats this run. */
    public String commandLine() {
        return "./demo" + (compose ? " --compose" : "") + " --seed " + seed + " --duration " + duration.toSeconds()
                + "s --rate " + trim(rate)
                + (compose ? "" : " --zk-servers " + zkServers + " --db " + database)
                + (compose || postgresUrl == null || !database.equals("postgres") ? "" : " --pg-url " + postgresUrl)
                + (faults ? "" : " --no-faults")
                + (baseline ? " --baseline" : "")
                + failpoints.stream().map(f -> " --failpoint " + f.label()).collect(Collectors.joining())
                + (faultKinds.equals(FaultKind.defaults())
                        ? ""
                        : " --fault-kinds "
                                + faultKinds.stream().map(FaultKind::label).collect(Collectors.joining(",")));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
