package dev.steadfast.chaos;

import dev.steadfast.chaos.fault.Failpoint;
import dev.steadfast.chaos.fault.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
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
 * @param faultKinds the kinds of fault the schedule may draw, and {@link FaultKind#OVERLOAD} for the overload phase
 * @param overloadFactor how many times the rate the overload phase's burst sends
 * @param overloadBurst how long the overload phase's burst lasts
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
        Set<FaultKind> faultKinds,
        double overloadFactor,
        Duration overloadBurst) {

    /** Whether the run ends its faults with the overload phase. */
    public boolean overload() {
        return faults && faultKinds.contains(FaultKind.OVERLOAD);
    }

    /**
     * Ten times the rate: at the default 20 orders/s, 200/s, past what the four instances serve on two cores (a
     * 5 x burst was served in full on a quiet machine, and shed only while other builds ran).
     */
    public static final double DEFAULT_OVERLOAD_FACTOR = 10;

    /** Long enough for the adaptive limits to settle under the burst, short enough for a short run. */
    public static final Duration DEFAULT_OVERLOAD_BURST = Duration.ofSeconds(10);

    /** The command line that repeats this run. */
    public String commandLine() {
        return "./demo" + (compose ? " --compose" : "") + " --seed " + seed + " --duration " + duration.toSeconds()
                + "s --rate " + trim(rate)
                + (compose ? "" : " --zk-servers " + zkServers + " --db " + database)
                + (compose || postgresUrl == null || !database.equals("postgres") ? "" : " --pg-url " + postgresUrl)
                + (faults ? "" : " --no-faults")
                + (baseline ? " --baseline" : "")
                + failpoints.stream().map(f -> " --failpoint " + f.label()).collect(Collectors.joining())
                + kindsOption()
                + (overload()
                                && (overloadFactor != DEFAULT_OVERLOAD_FACTOR
                                        || !overloadBurst.equals(DEFAULT_OVERLOAD_BURST))
                        ? " --overload-factor " + trim(overloadFactor) + " --overload-burst "
                                + overloadBurst.toSeconds() + "s"
                        : "");
    }

    private String kindsOption() {
        Set<FaultKind> withoutOverload = EnumSet.copyOf(FaultKind.defaults());
        withoutOverload.remove(FaultKind.OVERLOAD);
        if (faultKinds.equals(FaultKind.defaults())) {
            return "";
        }
        if (faultKinds.equals(withoutOverload)) {
            return " --no-overload";
        }
        return " --fault-kinds " + faultKinds.stream().map(FaultKind::label).collect(Collectors.joining(","));
    }

    /** A rate or factor as typed: {@code 20} rather than {@code 20.0}. */
    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
