package dev.steadfast.chaos;

import dev.steadfast.chaos.check.CheckResult;
import dev.steadfast.chaos.check.Checker;
import dev.steadfast.chaos.check.DatabaseSnapshot;
import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.fault.FaultInjector;
import dev.steadfast.chaos.fault.FaultKind;
import dev.steadfast.chaos.fault.FaultSchedule;
import dev.steadfast.chaos.fault.ScheduledFault;
import dev.steadfast.chaos.load.History;
import dev.steadfast.chaos.load.LoadFigures;
import dev.steadfast.chaos.load.LoadGenerator;
import dev.steadfast.chaos.load.OverloadFigures;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.observe.LeaderObserver;
import dev.steadfast.chaos.observe.MetricsObserver;
import dev.steadfast.chaos.process.AdmittedInstances;
import dev.steadfast.chaos.process.Ports;
import dev.steadfast.chaos.process.ServiceInstance;
import dev.steadfast.chaos.process.SharedDatabase;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.truth.Failovers;
import dev.steadfast.chaos.truth.LeadershipTerm;
import dev.steadfast.chaos.truth.ZooKeeperTransactionLogs;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One chaos run from start to verdict: start the topology, (optionally) a fault-free baseline, the load under the
 * fault schedule, heal, drain, check, report, stop. Every process it starts is stopped again, also on Ctrl-C.
 */
final class ChaosRun {

    /** The demo services' {@code steadfast.leader.root-path} (the starter's default). */
    static final String LEADER_ROOT_PATH = "/steadfast/leader";

    /** The payment service's {@code payment.authorization-limit}: larger orders are declined. */
    static final BigDecimal AUTHORIZATION_LIMIT = new BigDecimal("1000");

    /** The services' ZooKeeper session timeout (the starter's default {@code steadfast.zookeeper.session-timeout}). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    /** What a failover may take beyond the session timeout on a busy two-core machine. */
    static final Duration FAILOVER_MARGIN = Duration.ofSeconds(6);

    /** The overload phase's load at the rate before its burst: the limits' no-load latency. */
    static final Duration OVERLOAD_LEAD = Duration.ofSeconds(5);

    /** The overload phase's load at the rate after its burst: time for the limits and the outbox to recover. */
    static final Duration OVERLOAD_TAIL = Duration.ofSeconds(15);

    private final RunOptions options;
    private final PrintStream out;
    private final RunReport report;
    private final long startNanos = System.nanoTime();
    private final long epochMillisAtStart = System.currentTimeMillis();

    ChaosRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.report = new RunReport(options, out);
    }

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    Summary run() throws IOException, SQLException, InterruptedException {
        Path dir = Files.createDirectories(options.output());
        clearPreviousRun(dir);
        Ports ports = new Ports(options.basePort());
        FaultSchedule schedule = options.faults()
                ? FaultSchedule.generate(
                        options.seed(), options.duration(), options.pause(), 2, options.faultKinds(), options.compose())
                : FaultSchedule.none();
        try (Topology topology = new TopologyFactory(options, out).create(dir, ports)) {
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
            try (LeaderObserver observer = new LeaderObserver(topology.instances(), this::now);
                    MetricsObserver metrics = new MetricsObserver(topology.instances(), this::now)) {
                observer.start();
                metrics.start();
                History history = new History();
                // Cold JVMs answer their first requests slowly; these orders are checked but not measured.
                load("warm-up", options.warmup(), topology, observer, history, null, null, 2, null);
                LoadFigures baseline = null;
                if (options.baseline()) {
                    long[] window =
                            load("baseline", options.duration(), topology, observer, history, null, null, 1, null);
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
                        0,
                        null);
                out.println("Healing: every process up and ready, assaults off");
                injector.awaitQuiet(Duration.ofMinutes(4));
                topology.heal();
                List<FaultEvent> faults = new ArrayList<>(injector.events());
                long loadEnd = window[1];
                OverloadFigures overload = null;
                if (options.overload()) {
                    long[] phase = overload(topology, observer, history);
                    overload = OverloadFigures.of(history.operations(), phase[2], phase[3]);
                    out.println("Overload burst: " + overload.describe());
                    faults.add(new FaultEvent(
                            phase[2],
                            phase[3],
                            FaultKind.OVERLOAD,
                            "order-service",
                            String.format(
                                    Locale.ROOT,
                                    "orders at %s x the rate (%.0f/s) for %d s: %s",
                                    RunOptions.trim(options.overloadFactor()),
                                    options.rate() * options.overloadFactor(),
                                    options.overloadBurst().toSeconds(),
                                    overload.describe())));
                    loadEnd = phase[1];
                }
                drain(database);
                history.write(dir.resolve("history.jsonl"));
                List<LeadershipTerm> terms = new ZooKeeperTransactionLogs(LEADER_ROOT_PATH, epochMillisAtStart)
                        .terms(topology.zooKeeper().dataDirectories());
                LoadFigures figures = LoadFigures.of(history.operations(), window[0], window[1]);
                DatabaseSnapshot snapshot = snapshot(database);
                Summary summary = check(snapshot, history, terms, injector, figures, baseline);
                Map<Long, Long> batchesByToken = snapshot.batches().stream()
                        .collect(Collectors.groupingBy(BatchRow::fencingToken, TreeMap::new, Collectors.counting()));
                report.write(
                        dir,
                        topology,
                        history,
                        observer,
                        metrics,
                        faults,
                        overload,
                        summary,
                        terms,
                        batchesByToken,
                        new long[] {window[0], loadEnd});
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                return summary;
            }
        }
    }

    private long[] load(
            String phase,
            Duration duration,
            Topology topology,
            LeaderObserver observer,
            History history,
            FaultSchedule schedule,
            FaultInjector injector,
            long seedOffset,
            Burst burst)
            throws InterruptedException {
        List<String> urls =
                topology.orders().stream().map(ServiceInstance::baseUrl).toList();
        Progress progress = new Progress(out);
        long start = now();
        long end = start + duration.toMillis();
        long burstStart = -1;
        // New orders go only to instances a readiness-aware load balancer would admit: a restarted order instance
        // gets traffic once it reports ready (after its warm-up), not as soon as its port opens.
        try (AdmittedInstances admitted = new AdmittedInstances(
                        topology.orders().stream().map(ServiceInstance::port).toList(), Duration.ofMillis(200));
                LoadGenerator load = new LoadGenerator(
                        urls,
                        options.rate(),
                        options.requestTimeout(),
                        options.seed() + seedOffset,
                        history,
                        this::now,
                        admitted::admitted)) {
            load.start();
            if (injector != null) {
                injector.start(schedule, start, end);
            }
            while (now() < end) {
                if (burst != null && burstStart < 0 && now() >= start + burst.afterMillis()) {
                    burstStart = now();
                    load.burst(burst.factor(), burst.length());
                }
                progress.update(phase, now() - start, end - start, history, observer, injector);
                long next = burst != null && burstStart < 0 ? start + burst.afterMillis() : end;
                Thread.sleep(Math.min(1000, Math.max(1, Math.min(next, end) - now())));
            }
            load.stop(options.requestTimeout().multipliedBy(4));
            progress.done();
            if (load.skipped() > 0) {
                out.printf("%d invocations skipped: more than 400 orders were in flight%n", load.skipped());
            }
        }
        return burst == null
                ? new long[] {start, end}
                : new long[] {
                    start, end, burstStart, burstStart + burst.length().toMillis()
                };
    }

    /**
     * The overload phase, after every fault has healed: {@link #OVERLOAD_LEAD} at the rate, the burst at several times
     * the rate, then {@link #OVERLOAD_TAIL} at the rate again to see the services recover. Its orders are checked
     * like all others; the chaos window's service level does not include them.
     *
     * @return the phase's start and end, then the burst's
     */
    private long[] overload(Topology topology, LeaderObserver observer, History history) throws InterruptedException {
        Duration length = OVERLOAD_LEAD.plus(options.overloadBurst()).plus(OVERLOAD_TAIL);
        out.printf(
                Locale.ROOT,
                "Overload phase: %s orders/s, %s x for %d s after %d s, %d s of recovery%n",
                RunOptions.trim(options.rate()),
                RunOptions.trim(options.overloadFactor()),
                options.overloadBurst().toSeconds(),
                OVERLOAD_LEAD.toSeconds(),
                OVERLOAD_TAIL.toSeconds());
        return load(
                "overload",
                length,
                topology,
                observer,
                history,
                null,
                null,
                3,
                new Burst(OVERLOAD_LEAD.toMillis(), options.overloadFactor(), options.overloadBurst()));
    }

    /** A burst within a load phase: {@code factor} times the rate for {@code length}, {@code afterMillis} in. */
    private record Burst(long afterMillis, double factor, Duration length) {}

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

    private static DatabaseSnapshot snapshot(SharedDatabase database) throws SQLException {
        try (Connection payment = database.connectPayment();
                Connection order = database.connectOrder()) {
            return DatabaseSnapshot.read(payment, order);
        }
    }

    private Summary check(
            DatabaseSnapshot snapshot,
            History history,
            List<LeadershipTerm> terms,
            FaultInjector injector,
            LoadFigures figures,
            LoadFigures baseline) {
        List<LeadershipTerm> paymentTerms = terms.stream()
                .filter(term -> term.election().equals(Topology.PAYMENT))
                .toList();
        CheckResult result = new Checker(AUTHORIZATION_LIMIT, epochMillisAtStart)
                .check(history.operations(), snapshot, paymentTerms);
        List<Failover> failovers =
                new Failovers(SESSION_TIMEOUT, FAILOVER_MARGIN).of(injector.events(), terms, Topology.PAYMENT);
        Summary summary = new Summary(result, failovers, figures, baseline);
        report.printVerdict(summary);
        return summary;
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
                        || name.equals("dashboard-queries.txt")
                        || name.equals("invariants.txt")) {
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
