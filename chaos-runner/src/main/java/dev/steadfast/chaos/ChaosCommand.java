package dev.steadfast.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
            description = "h2 (H2 server mode, own process) or postgres (a running PostgreSQL)"
                    + " (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--pg-url", description = "PostgreSQL JDBC URL for --db postgres (default: ${DEFAULT-VALUE}).")
    String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/steadfast";

    @Option(names = "--pg-user", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String postgresUser = "steadfast";

    @Option(names = "--pg-password", description = "PostgreSQL password (default: ${DEFAULT-VALUE}).")
    String postgresPassword = "steadfast";

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
        Path project =
                projectDir != null ? projectDir : Path.of(System.getProperty("steadfast.chaos.project-dir", "."));
        Path out = output != null
                ? output
                : project.resolve("demo-output")
                        .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed"
                                + seed);
        RunOptions options = new RunOptions(
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
                postgresUser,
                postgresPassword,
                compose);
        try {
            return new ChaosRun(options, System.out).run().passed() ? 0 : 1;
        } catch (Exception ex) {
            System.err.println("The chaos run could not be carried out: " + ex.getMessage());
            ex.printStackTrace(System.err);
            return 2;
        }
    }
}
