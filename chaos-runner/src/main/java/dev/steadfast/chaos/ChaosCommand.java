package dev.steadfast.chaos;

import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.Failpoint;
import dev.steadfast.chaos.fault.FaultKind;
import dev.steadfast.chaos.process.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code ./demo} command line. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the Steadfast demo as local processes: a real ZooKeeper server (or a",
            "3-server ensemble), a shared database, 2 payment-service and 2 order-service",
            "instances. Drives orders, injects a seeded fault schedule (kill -9 and SIGSTOP",
            "of the payment leader, order instance crashes, graceful restarts, ZooKeeper",
            "restarts, chaos-monkey assaults), heals, drains, checks the invariants and",
            "writes an HTML report. Exit code 0 when every invariant holds, 1 when one does",
            "not, 2 when the run could not be carried out. With --compose, the same run",
            "drives the zookeeper-compose containers instead (needs Docker), with real",
            "network partitions of the payment leader among the faults.",
            ""
        })
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seed of the fault schedule and order amounts (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "How long orders and faults run: 120s, 5m... (default: 120s).")
    Duration duration = Duration.ofSeconds(120);

    @Option(
            names = "--warmup",
            converter = DurationConverter.class,
            description = "Orders sent before the measured load, while the JVMs warm up (default: 10s).")
    Duration warmup = Duration.ofSeconds(10);

    @Option(names = "--rate", description = "Orders per second (default: ${DEFAULT-VALUE}).")
    double rate = 20;

    @Option(
            names = "--compose",
            description = "Run the zookeeper-compose containers (3 ZooKeeper servers, PostgreSQL, 2+2 instances,"
                    + " Prometheus) in a compose project of the run's own instead of local processes; the"
                    + " *_IMAGE variables choose the images. --zk-servers and --db do not apply.")
    boolean compose;

    @Option(
            names = "--zk-servers",
            description = "1 ZooKeeper server or a 3-server ensemble (default: ${DEFAULT-VALUE}).")
    int zkServers = 1;

    @Option(
            names = "--db",
            description = "h2 (H2 server mode, own process) or postgres (a PostgreSQL server of the run's own, or"
                    + " the one --pg-url names) (default: ${DEFAULT-VALUE}).")
    String database = "h2";

    @Option(names = "--no-faults", description = "Inject nothing: the baseline run.")
    boolean noFaults;

    @Option(
            names = "--baseline",
            description = "First run the same load without faults, in the same run, and report"
                    + " chaos against that baseline.")
    boolean baseline;

    @Option(names = "--output", description = "The run's output folder (default: demo-output/<time>-seed<seed>).")
    Path output;

    @Option(
            names = "--base-port",
            description =
                    "First port of the consecutive ports used; 0 picks free ports" + " (default: ${DEFAULT-VALUE}).")
    int basePort = 0;

    @Option(
            names = "--project-dir",
            description = "Checkout holding the built demo service jars (default: current" + " directory).")
    Path projectDir;

    @Option(
            names = "--pause",
            converter = DurationConverter.class,
            description = "How long the payment leader is"
                    + " frozen by SIGSTOP; longer than the ZooKeeper session timeout (default: 12s).")
    Duration pause = Duration.ofSeconds(12);

    @Option(
            names = "--drain-timeout",
            converter = DurationConverter.class,
            description = "Bound on waiting for pending orders and settlement after the load (default: 90s).")
    Duration drainTimeout = Duration.ofSeconds(90);

    @Option(
            names = "--request-timeout",
            converter = DurationConverter.class,
            description = "How long the client waits for one answer (default: 3s).")
    Duration requestTimeout = Duration.ofSeconds(3);

    @Option(
            names = "--pg-url",
            description = "JDBC URL of a running PostgreSQL server for --db postgres, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/steadfast; the run cannot restart it, so restart-database is"
                    + " refused. Default: the run starts a server of its own from --pg-bin.")
    String postgresUrl;

    @Option(
            names = "--pg-bin",
            description = "Folder with initdb and postgres for the run's own PostgreSQL server (default:"
                    + " ${DEFAULT-VALUE}).")
    Path postgresBinaries = PostgresServer.DEBIAN_BINARIES;

    @Option(names = "--pg-user", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String postgresUser = "steadfast";

    @Option(names = "--pg-password", description = "PostgreSQL password (default: ${DEFAULT-VALUE}).")
    String postgresPassword = "steadfast";

    @Option(
            names = "--failpoint",
            paramLabel = "NAME",
            description = "TEST-ONLY: turn on a failpoint in the services to show that the checker catches it"
                    + " (repeatable): skip-database-fence, skip-assert-leader, act-on-lapsed-lease,"
                    + " settle-without-check, ack-before-commit, shed-after-commit. The run must end FAIL. Without --fault-kinds it draws only the fault"
                    + " that exposes its failpoints.")
    List<String> failpoints = new ArrayList<>();

    @Option(
            names = "--fault-kinds",
            split = ",",
            paramLabel = "KIND",
            description = "Only these kinds of fault, comma separated (default: all but the named-only ones), e.g."
                    + " kill-order-instance; overload is the overload phase after the drawn faults.")
    List<String> faultKinds = new ArrayList<>();

    @Option(
            names = "--no-overload",
            description = "Leave out the overload phase (fault kind overload): after the drawn faults have healed, a"
                    + " burst at --overload-factor times the rate for --overload-burst.")
    boolean noOverload;

    @Option(
            names = "--overload-factor",
            description = "How many times --rate the overload phase's burst sends (default: 10).")
    double overloadFactor = RunOptions.DEFAULT_OVERLOAD_FACTOR;

    @Option(
            names = "--overload-burst",
            converter = DurationConverter.class,
            description = "How long the overload phase's burst lasts (default: 10s).")
    Duration overloadBurst = RunOptions.DEFAULT_OVERLOAD_BURST;

    @Option(
            names = "--seeds",
            paramLabel = "SEEDS",
            description = "Run these seeds in turn (1-10, or 3,7,9), each in its own folder; prints one CHAOS line per"
                    + " seed and a SWEEP summary. Exit code 0 only when every seed passes.")
    String seeds;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new ChaosCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (zkServers != 1 && zkServers != 3) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--zk-servers must be 1 or 3");
        }
        if (!database.equals("h2") && !database.equals("postgres")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--db must be h2 or postgres");
        }
        if (rate <= 0 || duration.isNegative() || duration.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate and --duration must be positive");
        }
        if (compose && !failpoints.isEmpty()) {
            // The compose file is the one users run: it never carries a test-only switch.
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--failpoint runs the local topology only; drop --compose to use it");
        }
        List<Failpoint> chosenFailpoints = new ArrayList<>();
        for (String name : failpoints) {
            chosenFailpoints.add(Failpoint.of(name)
                    .orElseThrow(() -> new CommandLine.ParameterException(
                            spec.commandLine(),
                            "Unknown --failpoint " + name + "; one of "
                                    + Arrays.stream(Failpoint.values())
                                            .map(Failpoint::label)
                                            .toList())));
        }
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        if (faultKinds.isEmpty() && chosenFailpoints.isEmpty()) {
            kinds.addAll(FaultKind.defaults());
        } else if (faultKinds.isEmpty()) {
            // A failpoint run draws only the fault that exposes its failpoints.
            chosenFailpoints.forEach(failpoint -> kinds.add(failpoint.exposedBy()));
        }
        for (String name : faultKinds) {
            kinds.add(Arrays.stream(FaultKind.values())
                    .filter(kind -> kind.label().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(
                            spec.commandLine(),
                            "Unknown --fault-kinds " + name + "; one of "
                                    + Arrays.stream(FaultKind.values())
                                            .map(FaultKind::label)
                                            .toList())));
        }
        if (noOverload) {
            kinds.remove(FaultKind.OVERLOAD);
        }
        if (overloadFactor <= 1 || overloadBurst.isNegative() || overloadBurst.isZero()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--overload-factor must be above 1 and --overload-burst positive");
        }
        if (kinds.contains(FaultKind.RESTART_DATABASE)
                && database.equals("postgres")
                && postgresUrl != null
                && !compose) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "restart-database kills the run's own database server; the one --pg-url names belongs to"
                            + " someone else: drop --pg-url to let the run start its own PostgreSQL");
        }
        if (compose && FaultKind.AIMED.stream().anyMatch(kinds::contains)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--compose has no test-only settlement delay to aim " + FaultKind.AIMED);
        }
        Path project =
                projectDir != null ? projectDir : Path.of(System.getProperty("steadfast.chaos.project-dir", "."));
        List<Long> sweep;
        try {
            sweep = seeds == null ? List.of(seed) : seedList(seeds);
        } catch (IllegalArgumentException ex) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--seeds " + seeds + " is not like 1-10 or 3,7,9: " + ex.getMessage());
        }
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<String> lines = new ArrayList<>();
        boolean allPassed = true;
        for (long each : sweep) {
            Path out = output != null ? output : project.resolve("demo-output").resolve(started + "-seed" + each);
            if (seeds != null) {
                out = out.resolve("seed-" + each);
                System.out.printf("=== seed %d (%d of %d) ===%n", each, lines.size() + 1, sweep.size());
            }
            RunOptions options = options(each, out, project, chosenFailpoints, kinds);
            try {
                Summary summary = new ChaosRun(options, System.out).run();
                allPassed &= summary.passed();
                lines.add("seed=" + each + " " + summary.line());
            } catch (Exception ex) {
                System.err.println("The chaos run could not be carried out: " + ex.getMessage());
                ex.printStackTrace(System.err);
                return 2;
            }
        }
        if (seeds != null) {
            System.out.println("Sweep of " + sweep.size() + " seeds:");
            lines.forEach(System.out::println);
            System.out.println(sweepLine(lines));
        }
        return allPassed ? 0 : 1;
    }

    /** {@code 1-10}, {@code 3,7,9} or a mix of both. */
    static List<Long> seedList(String spec) {
        List<Long> list = new ArrayList<>();
        for (String part : spec.split(",")) {
            String trimmed = part.trim();
            int dash = trimmed.indexOf('-', 1);
            if (dash > 0) {
                long from = Long.parseLong(trimmed.substring(0, dash));
                long to = Long.parseLong(trimmed.substring(dash + 1));
                if (to < from || to - from > 1000) {
                    throw new IllegalArgumentException("--seeds range " + trimmed + " must go upwards, at most 1000");
                }
                for (long seed = from; seed <= to; seed++) {
                    list.add(seed);
                }
            } else {
                list.add(Long.parseLong(trimmed));
            }
        }
        return list;
    }

    /** The last line of a sweep: how many seeds passed and met the service level, and which did not. */
    static String sweepLine(List<String> lines) {
        List<String> failed = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (String line : lines) {
            String seed = line.substring("seed=".length(), line.indexOf(' '));
            if (!line.contains(" verdict=PASS")) {
                failed.add(seed);
            }
            if (!line.contains(" slo=MET ")) {
                missed.add(seed);
            }
        }
        return "SWEEP seeds=" + lines.size() + " pass=" + (lines.size() - failed.size()) + " fail=" + failed.size()
                + " slo_met=" + (lines.size() - missed.size()) + " slo_missed=" + missed.size() + " failed_seeds="
                + String.join(",", failed) + " slo_missed_seeds=" + String.join(",", missed);
    }

    private RunOptions options(
            long seed, Path out, Path project, List<Failpoint> chosenFailpoints, Set<FaultKind> kinds) {
        return new RunOptions(
                seed,
                duration,
                warmup,
                rate,
                zkServers,
                database,
                !noFaults,
                baseline && !noFaults,
                out.toAbsolutePath().normalize(),
                basePort,
                project.toAbsolutePath().normalize(),
                pause,
                drainTimeout,
                requestTimeout,
                postgresUrl,
                postgresBinaries,
                postgresUser,
                postgresPassword,
                compose,
                List.copyOf(chosenFailpoints),
                kinds,
                overloadFactor,
                overloadBurst);
    }
}
