package dev.steadfast.chaos;

import dev.steadfast.chaos.check.CheckResult;
import dev.steadfast.chaos.check.Checker;
import dev.steadfast.chaos.check.DatabaseSnapshot;
import dev.steadfast.chaos.check.InvariantResult;
import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.compose.ComposeTopology;
import dev.steadfast.chaos.fault.FaultInjector;
import dev.steadfast.chaos.fault.FaultSchedule;
import dev.steadfast.chaos.fault.ScheduledFault;
import dev.steadfast.chaos.load.History;
import dev.steadfast.chaos.load.LoadFigures;
import dev.steadfast.chaos.load.LoadGenerator;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.observe.LeaderObserver;
import dev.steadfast.chaos.process.H2Server;
import dev.steadfast.chaos.process.Ports;
import dev.steadfast.chaos.process.PostgresDatabase;
import dev.steadfast.chaos.process.ServiceInstance;
import dev.steadfast.chaos.process.SharedDatabase;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.process.ZooKeeperEnsemble;
import dev.steadfast.chaos.report.HtmlReport;
import dev.steadfast.chaos.report.RunData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One chaos run from start to verdict: start the topology, (optionally) a fault-free baseline, the load under the
 * fault schedule, heal, drain, check, report, stop. Every process it starts is stopped again, also on Ctrl-C.
 */
final class ChaosRun {

    private final RunOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    ChaosRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    Summary run() throws IOException, SQLException, InterruptedException {
        Path dir = Files.createDirectories(options.output());
        clearPreviousRun(dir);
        Ports ports = new Ports(options.basePort());
        FaultSchedule schedule = options.faults()
                ? FaultSchedule.generate(options.seed(), options.duration(), options.pause(), 2, options.compose())
                : FaultSchedule.none();
        try (Topology topology = topology(dir, ports)) {
            Thread stopOnExit = new Thread(topology::close, "chaos-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            SharedDatabase database = topology.database();
            out.printf(
                    "Starting %s, %s and 2+2 service instances%s; logs in %s%n",
                    topology.zooKeeper().size() == 1 ? "1 ZooKeeper server" : "a 3-server ZooKeeper ensemble",
                    database.kind(),
                    options.compose() ? " as containers" : "",
                    dir);
            printSchedule(schedule);
            topology.start();
            out.printf("All instances ready after %.1f s%n", now() / 1000.0);
            try (LeaderObserver observer = new LeaderObserver(topology.instances(), this::now)) {
                observer.start();
                History history = new History();
                // Cold JVMs answer their first requests slowly; these orders are checked but not measured.
                load("warm-up", options.warmup(), topology, observer, history, null, null, 2);
                LoadFigures baseline = null;
                if (options.baseline()) {
                    long[] window = load("baseline", options.duration(), topology, observer, history, null, null, 1);
                    baseline = LoadFigures.of(history.operations(), window[0], window[1]);
                }
                FaultInjector injector = new FaultInjector(topology, observer, this::now);
                long[] window = load(
                        options.faults() ? "chaos" : "no faults",
                        options.duration(),
                        topology,
                        observer,
                        history,
                        schedule,
                        injector,
                        0);
                out.println("Healing: every process up and ready, assaults off");
                injector.awaitQuiet(Duration.ofMinutes(4));
                topology.heal();
                drain(database);
                history.write(dir.resolve("history.jsonl"));
                Summary summary = check(database, history, observer, window);
                LoadFigures figures = LoadFigures.of(history.operations(), window[0], window[1]);
                report(dir, topology, history, observer, injector, summary, figures, baseline, window);
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                return summary;
            }
        }
    }

    /** The local processes, or with --compose the containers of a compose project of this run's own. */
    private Topology topology(Path dir, Ports ports) {
        if (options.compose()) {
            out.println("Creating the compose project's containers (builds the service images when they changed)");
            return ComposeTopology.create(options.projectDir(), dir, ports, options.seed());
        }
        SharedDatabase database = options.database().equals("postgres")
                ? new PostgresDatabase(options.postgresUrl(), options.postgresUser(), options.postgresPassword())
                : new H2Server(dir, ports);
        ZooKeeperEnsemble zooKeeper = new ZooKeeperEnsemble(options.zkServers(), dir, ports);
        return new Topology(zooKeeper, database, options.projectDir(), dir, ports, 2);
    }

    private long[] load(
            String phase,
            Duration duration,
            Topology topology,
            LeaderObserver observer,
            History history,
            FaultSchedule schedule,
            FaultInjector injector,
            long seedOffset)
            throws InterruptedException {
        List<String> urls =
                topology.orders().stream().map(ServiceInstance::baseUrl).toList();
        Progress progress = new Progress(out);
        long start = now();
        long end = start + duration.toMillis();
        try (LoadGenerator load = new LoadGenerator(
                urls, options.rate(), options.requestTimeout(), options.seed() + seedOffset, history, this::now)) {
            load.start();
            if (injector != null) {
                injector.start(schedule, start, end);
            }
            while (now() < end) {
                progress.update(phase, now() - start, end - start, history, observer, injector);
                Thread.sleep(Math.min(1000, Math.max(1, end - now())));
            }
            load.stop(options.requestTimeout().multipliedBy(4));
            progress.done();
            if (load.skipped() > 0) {
                out.printf("%d invocations skipped: more than 400 orders were in flight%n", load.skipped());
            }
        }
        return new long[] {start, end};
    }

    private void drain(SharedDatabase database) throws SQLException, InterruptedException {
        long deadline = now() + options.drainTimeout().toMillis();
        long unfinished;
        do {
            try (Connection payment = database.connectPayment();
                    Connection order = database.connectOrder()) {
                unfinished = DatabaseSnapshot.unfinished(payment, order);
            }
            if (unfinished > 0) {
                Thread.sleep(1000);
            }
        } while (unfinished > 0 && now() < deadline);
        out.printf("Drained: %d orders pending or payments unsettled left%n", unfinished);
    }

    private Summary check(SharedDatabase database, History history, LeaderObserver observer, long[] window)
            throws SQLException {
        DatabaseSnapshot snapshot;
        try (Connection payment = database.connectPayment();
                Connection order = database.connectOrder()) {
            snapshot = DatabaseSnapshot.read(payment, order);
        }
        Map<Long, String> owners = observer.tokenOwners().getOrDefault(Topology.PAYMENT, Map.of());
        CheckResult result = new Checker().check(history.operations(), snapshot, owners);
        List<Long> failovers = observer.failovers().stream()
                .filter(Failover::completed)
                .map(Failover::millis)
                .toList();
        LoadFigures figures = LoadFigures.of(history.operations(), window[0], window[1]);
        int missed = (int) observer.failovers().stream()
                .filter(failover -> !failover.completed())
                .count();
        Summary summary = new Summary(result, failovers, missed, figures.throughput());
        for (InvariantResult invariant : result.invariants()) {
            out.println(invariant.line());
            invariant.examples().forEach(example -> out.println("    " + example));
        }
        out.println(summary.failoverLine());
        return summary;
    }

    private void report(
            Path dir,
            Topology topology,
            History history,
            LeaderObserver observer,
            FaultInjector injector,
            Summary summary,
            LoadFigures figures,
            LoadFigures baseline,
            long[] window)
            throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {options.faults() ? "under chaos" : "without faults", figures.describe()});
        if (baseline != null) {
            rows.add(new String[] {"baseline (no faults, same run)", baseline.describe()});
        }
        rows.add(new String[] {
            "target: at least 99% answered within 2 s",
            String.format(
                    Locale.ROOT,
                    "%.2f%% (%s)",
                    figures.answeredWithin2sPercent(),
                    figures.answeredWithin2sPercent() >= 99 ? "met" : "missed")
        });
        if (baseline != null) {
            double ratio = figures.throughput() / Math.max(0.001, baseline.throughput());
            rows.add(new String[] {
                "target: throughput at least 70% of the baseline",
                String.format(Locale.ROOT, "%.0f%% (%s)", 100 * ratio, ratio >= 0.7 ? "met" : "missed")
            });
        }
        rows.add(new String[] {
            "failovers",
            summary.failoverMillis().size() + " (p50 " + summary.failoverP50() + " ms, max " + summary.failoverMax()
                    + " ms)"
        });
        rows.add(new String[] {
            "faults injected", Integer.toString(injector.events().size())
        });
        String title = String.format(
                Locale.ROOT,
                "seed %d, %d s at %s orders/s, %d ZooKeeper server(s), %s, %s",
                options.seed(),
                options.duration().toSeconds(),
                options.rate(),
                topology.zooKeeper().size(),
                options.compose() ? "compose containers" : options.database(),
                options.faults() ? "with faults" : "no faults");
        RunData data = new RunData(
                title,
                options.commandLine(),
                topology.instances().stream().map(ServiceInstance::instanceId).toList(),
                window[0],
                window[1],
                history.operations(),
                observer.samples(),
                injector.events(),
                observer.failovers(),
                summary,
                rows);
        Path page = HtmlReport.write(data, dir);
        rows.forEach(row -> out.println(row[0] + ": " + row[1]));
        out.println("Report: " + page);
        Files.writeString(dir.resolve("summary.txt"), summary.line() + "\n");
        out.println(summary.line());
    }

    /**
     * A run reuses neither data nor logs of an earlier run in the same folder: old orders would count as phantoms and
     * old latch nodes would skew the election. Only what a run writes is deleted, never the folder itself.
     */
    static void clearPreviousRun(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("h2")
                        || name.matches("zk-\\d+")
                        || name.endsWith(".log")
                        || name.endsWith(".png")
                        || name.matches("zoo-\\d+\\.cfg")
                        || name.equals("zookeeper-logback.xml")
                        || name.equals("history.jsonl")
                        || name.equals("report.html")
                        || name.equals("summary.txt")
                        || name.equals("compose-project.txt")
                        || name.equals("dashboard-queries.txt")) {
                    deleteRecursively(entry);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private void printSchedule(FaultSchedule schedule) {
        if (schedule.faults().isEmpty()) {
            out.println("Fault schedule: none");
            return;
        }
        out.printf("Fault schedule (seed %d):%n", options.seed());
        for (ScheduledFault fault : schedule.faults()) {
            out.printf(
                    "  at %5.1f s  %-34s hold %5d ms%n",
                    fault.atMillis() / 1000.0, fault.kind().label(), fault.holdMillis());
        }
    }
}
