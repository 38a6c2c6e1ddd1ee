package dev.steadfast.benchmarks.brownout;

import dev.steadfast.benchmarks.brownout.OpenLoopLoad.Sample;
import dev.steadfast.benchmarks.failover.ZooKeeperProcess;
import dev.steadfast.benchmarks.process.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brownout of one payment instance of two, seen from the order service's clients: a ZooKeeper server process, two
 * demo-payment-service JVMs and one demo-order-service JVM (their jars, default H2 databases), open-loop load on
 * {@code POST /orders}. Scenarios in turn, each with Steadfast's instance-aware load balancing (the default) and
 * without it ({@code steadfast.loadbalancer.enabled=false}: plain Spring Cloud LoadBalancer with the same
 * Resilience4j retry, breaker, bulkhead and timeouts). Each mode starts its own order JVM and warms it up for 30 s
 * under the same load before the first scenario; its first 10 s of load, from the moment it reports ready, are the
 * cold-start row. Options: {@code --rate=N} orders per second (default 20), {@code --modes=} and {@code --scenarios=}
 * to run a part, {@code --order-arg=} to pass a property to the order JVMs (repeatable).
 */
public final class BrownoutBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CALM = Duration.ofSeconds(10);
    /** Unmeasured load first: a cold order JVM (and cold payment JVMs) time out on their own for the first seconds. */
    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private static final String LATENCY_ASSAULT = "{\"level\":1,\"latencyActive\":true,\"latencyRangeStart\":1500,"
            + "\"latencyRangeEnd\":2500,\"exceptionsActive\":false}";
    private static final String ASSAULT_OFF = "{\"latencyActive\":false,\"exceptionsActive\":false}";
    private static final String WATCHERS = "{\"controller\":true,\"restController\":true,\"service\":true}";

    /** The order JVM's arguments of each mode. */
    private static final Map<String, List<String>> MODE_ARGS = Map.of(
            "steadfast",
            List.of(),
            "baseline",
            List.of(
                    "--steadfast.loadbalancer.enabled=false",
                    // the loadBalancer readiness contributor is part of the layer switched off
                    "--management.endpoint.health.group.readiness.include=readinessState,db,circuitBreakers"));

    /** The scenarios, by the names {@code --scenarios=} takes, in the order they run. */
    private static final String[] ALL_SCENARIOS = {"cold", "freeze", "kill", "zookeeper", "latency"};

    /** The first stretch of load after the order JVM reported ready, measured before the warm-up. */
    private static final Duration COLD = Duration.ofSeconds(10);

    /** How long the sick instance must get no new call for its traffic to count as stopped. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final Path workDir;
    private final ZooKeeperProcess zookeeper;
    private final ServiceProcess sick;
    private final ServiceProcess healthy;
    private final Set<String> scenarios;
    private final List<String> extraOrderArgs;
    private final List<Result> results = new ArrayList<>();

    /**
     * One scenario (or one phase of it) in one mode: the requests sent in the calm stretch before the fault and in
     * the fault window, and when the sick instance stopped getting calls ({@code -1}: not measured or never).
     */
    private record Result(
            String mode,
            String scenario,
            boolean phase,
            long faultStart,
            double windowSeconds,
            List<Sample> calm,
            List<Sample> fault,
            long sickStoppedMillis,
            long sickCallsAfterQuiet) {}

    /** A stretch of a scenario's fault window, on {@link System#nanoTime()}. */
    private record Phase(String name, long start, long end) {}

    /** Where one scenario's windows begin and end, on {@link System#nanoTime()}; phases split the fault window. */
    private record Window(
            String scenario, long calmStart, long faultStart, long faultEnd, boolean sickTraffic, List<Phase> phases) {}

    private BrownoutBenchmark(
            Path workDir,
            ZooKeeperProcess zookeeper,
            ServiceProcess sick,
            ServiceProcess healthy,
            Set<String> scenarios,
            List<String> extraOrderArgs) {
        this.workDir = workDir;
        this.zookeeper = zookeeper;
        this.sick = sick;
        this.healthy = healthy;
        this.scenarios = scenarios;
        this.extraOrderArgs = List.copyOf(extraOrderArgs);
    }

    /** Runs the fault of one scenario; returns the end of its window on {@link System#nanoTime()}. */
    @FunctionalInterface
    private interface Fault {
        long inject(Phases phases) throws Exception;
    }

    /** Marks where a fault window's next phase begins. */
    private static final class Phases {

        private final List<String> names = new ArrayList<>();
        private final List<Long> starts = new ArrayList<>();

        void begin(String name) {
            names.add(name);
            starts.add(System.nanoTime());
        }

        List<Phase> until(long end) {
            List<Phase> phases = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                phases.add(new Phase(names.get(i), starts.get(i), i + 1 < names.size() ? starts.get(i + 1) : end));
            }
            return phases;
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = 20;
        List<String> modes = List.of("steadfast", "baseline");
        Set<String> scenarios = Set.of(ALL_SCENARIOS);
        List<String> orderArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(arg.substring("--rate=".length()));
            } else if (arg.startsWith("--modes=")) {
                // A mode may repeat: its second run meets warm payment JVMs.
                modes = List.of(arg.substring("--modes=".length()).split(","));
                if (!MODE_ARGS.keySet().containsAll(modes)) {
                    throw new IllegalArgumentException("Modes are " + MODE_ARGS.keySet() + ": " + arg);
                }
            } else if (arg.startsWith("--order-arg=")) {
                orderArgs.add(arg.substring("--order-arg=".length()));
            } else if (arg.startsWith("--scenarios=")) {
                scenarios = Set.of(arg.substring("--scenarios=".length()).split(","));
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + " (--rate=N, --modes=steadfast,baseline,"
                        + " --scenarios=" + String.join(",", ALL_SCENARIOS) + ", --order-arg=--some.property=value)");
            }
        }
        Path workDir = Files.createTempDirectory("steadfast-brownout-");
        List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(started)));
        try {
            ZooKeeperProcess zookeeper = ZooKeeperProcess.start(workDir);
            started.add(zookeeper);
            ServiceProcess sick = payment("payment-1", zookeeper, workDir);
            ServiceProcess healthy = payment("payment-2", zookeeper, workDir);
            started.add(sick);
            started.add(healthy);
            sick.start();
            healthy.start();
            sick.awaitReady(START_TIMEOUT);
            healthy.awaitReady(START_TIMEOUT);
            System.out.printf(
                    "ZooKeeper %s, payment-1 (the sick one) %s, payment-2 %s, %d orders/s, logs in %s%n",
                    zookeeper.connectString(), sick.baseUrl(), healthy.baseUrl(), rate, workDir);
            BrownoutBenchmark benchmark =
                    new BrownoutBenchmark(workDir, zookeeper, sick, healthy, scenarios, orderArgs);
            for (String mode : modes) {
                benchmark.run(mode, MODE_ARGS.get(mode), rate, started);
            }
            benchmark.print();
        } finally {
            closeAll(started);
        }
    }

    /** Sends payments straight to the instance for up to 15 s (at most 300), one after the other. */
    private static void warmDirectly(ServiceProcess payment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int i = 0; i < 300 && System.nanoTime() < deadline; i++) {
            payment.post(
                    "{\"orderId\":\"" + UUID.randomUUID() + "\",\"amount\":12.50,\"currency\":\"EUR\"}", "/payments");
        }
    }

    private static ServiceProcess payment(String id, ZooKeeperProcess zookeeper, Path workDir) throws IOException {
        return service(id, "demo-payment-service", freePort(), workDir)
                .env(Map.of("INSTANCE_ID", id, "ZK_CONNECT", zookeeper.connectString(), "CHAOS_MONKEY", "true"))
                .args(List.of("--logging.level.root=WARN"))
                .build();
    }

    /** A demo service from its jar, on a port chosen here ({@code PORT}), ready when its readiness group is UP. */
    private static ServiceProcess.Builder service(String id, String module, int port, Path workDir) {
        return ServiceProcess.fromJar(id, jar(module), workDir)
                .jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .env(Map.of("PORT", Integer.toString(port)))
                .readyAt(port, "/actuator/health/readiness");
    }

    private void run(String mode, List<String> orderArgs, int rate, List<AutoCloseable> started) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(orderArgs);
        args.add("--logging.level.root=WARN");
        // Spring Cloud LoadBalancer's per-instance meters, for the traffic probe (both modes).
        args.add("--spring.cloud.loadbalancer.stats.micrometer.enabled=true");
        args.addAll(extraOrderArgs);
        ServiceProcess order = service("order-" + mode, "demo-order-service", port, workDir)
                .env(Map.of("INSTANCE_ID", "order-" + mode, "ZK_CONNECT", zookeeper.connectString()))
                .args(args)
                .build();
        started.add(order);
        order.start();
        order.awaitReady(START_TIMEOUT);
        try (OpenLoopLoad load = new OpenLoopLoad(order.baseUrl(), mode + "-" + System.currentTimeMillis());
                TrafficProbe probe = new TrafficProbe(order.baseUrl(), sick.port())) {
            // Load starts the moment the order JVM reports ready, as a load balancer in front of it would send it.
            long coldStart = System.nanoTime();
            load.start(rate);
            probe.start();
            List<Window> windows = new ArrayList<>();
            if (scenarios.contains("cold")) {
                Thread.sleep(COLD.toMillis());
                windows.add(new Window(
                        "cold start, first 10 s after ready",
                        coldStart,
                        coldStart,
                        System.nanoTime(),
                        false,
                        List.of()));
            }
            Thread.sleep(Math.max(0, WARM_UP.toMillis() - (System.nanoTime() - coldStart) / 1_000_000));
            scenario(windows, "freeze", "freeze 12 s (SIGSTOP)", true, phases -> {
                sick.freeze();
                Thread.sleep(12_000);
                sick.thaw();
                return System.nanoTime();
            });
            scenario(windows, "kill", "kill -9 + restart", true, phases -> {
                sick.crash();
                sick.start();
                sick.awaitReady(START_TIMEOUT);
                return System.nanoTime();
            });
            scenario(windows, "zookeeper", "ZooKeeper killed 5 s", false, phases -> {
                phases.begin("ZooKeeper down (outage phase)");
                zookeeper.kill();
                Thread.sleep(5_000);
                phases.begin("ZooKeeper restarting until it serves");
                zookeeper.restart();
                return System.nanoTime();
            });
            scenario(windows, "latency", "latency 1.5-2.5 s, 15 s", true, phases -> {
                String answers =
                        chaos("/watchers", WATCHERS) + chaos("/assaults", LATENCY_ASSAULT) + chaos("/enable", "");
                if (!answers.equals("200200200")) {
                    System.out.println("chaos monkey answered " + answers);
                }
                Thread.sleep(15_000);
                chaos("/assaults", ASSAULT_OFF);
                chaos("/disable", "");
                return System.nanoTime();
            });
            // Let the answers of the last window arrive (the client gives up after 10 s).
            Thread.sleep(11_000);
            for (Window window : windows) {
                List<Sample> calm = window.calmStart() == window.faultStart()
                        ? List.of()
                        : load.sentBetween(window.calmStart(), window.faultStart());
                results.add(new Result(
                        mode,
                        window.scenario(),
                        false,
                        window.faultStart(),
                        (window.faultEnd() - window.faultStart()) / 1e9,
                        calm,
                        load.sentBetween(window.faultStart(), window.faultEnd()),
                        window.sickTraffic()
                                ? probe.stoppedAfterMillis(window.faultStart(), window.faultEnd(), QUIET)
                                : -1,
                        window.sickTraffic()
                                ? probe.startedBetween(window.faultStart() + QUIET.toNanos(), window.faultEnd())
                                : -1));
                for (Phase phase : window.phases()) {
                    results.add(new Result(
                            mode,
                            window.scenario() + ": " + phase.name(),
                            true,
                            phase.start(),
                            (phase.end() - phase.start()) / 1e9,
                            calm,
                            load.sentBetween(phase.start(), phase.end()),
                            -1,
                            -1));
                }
            }
        } finally {
            order.close();
            started.remove(order);
        }
    }

    /** A calm stretch, then the fault; records both windows (the fault window runs from the fault to its end). */
    private void scenario(List<Window> windows, String key, String name, boolean sickTraffic, Fault fault)
            throws Exception {
        if (!scenarios.contains(key)) {
            return;
        }
        sick.awaitReady(START_TIMEOUT);
        healthy.awaitReady(START_TIMEOUT);
        long calmStart = System.nanoTime();
        Thread.sleep(CALM.toMillis()); // the calm stretch is part of the measurement
        long faultStart = System.nanoTime();
        System.out.printf("%tT %s%n", System.currentTimeMillis(), name);
        Phases phases = new Phases();
        long faultEnd = fault.inject(phases);
        windows.add(new Window(name, calmStart, faultStart, faultEnd, sickTraffic, phases.until(faultEnd)));
    }

    private String chaos(String path, String json) {
        return Integer.toString(sick.post(json, "/actuator/chaosmonkey" + path));
    }

    private void print() {
        System.out.println();
        System.out.println("| scenario | mode | fault window s | requests | answered within 2 s % | fallbacks % |"
                + " p50 ms | p99 ms | calm p99 ms | p99 / calm p99 | sick instance's last call before 2 s quiet, ms"
                + " after the fault | calls to it after the first 2 s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> names = results.stream().map(Result::scenario).distinct().toList();
        for (String scenario : names) {
            for (Result result : results) {
                if (result.scenario().equals(scenario)) {
                    WindowFigures fault = WindowFigures.of(result.fault());
                    WindowFigures calm = WindowFigures.of(result.calm());
                    System.out.printf(
                            "| %s | %s | %.1f | %d | %.2f | %.2f | %d | %d | %s | %s | %s | %s |%n",
                            scenario,
                            result.mode(),
                            result.windowSeconds(),
                            fault.requests(),
                            fault.within2sPct(),
                            fault.fallbacksPct(),
                            fault.p50Millis(),
                            fault.p99Millis(),
                            calm.requests() == 0 ? "-" : Long.toString(calm.p99Millis()),
                            calm.requests() == 0 ? "-" : ratio(result),
                            orDash(result.sickStoppedMillis()),
                            orDash(result.sickCallsAfterQuiet()));
                }
            }
        }
        System.out.println();
        System.out.println("Slowest requests of each window (seconds after the window began, latency, status):");
        for (Result result : results) {
            String slowest = result.fault().stream()
                    .sorted(Comparator.comparingLong(Sample::latencyMillis).reversed())
                    .limit(5)
                    .map(sample -> String.format(
                            "+%.1fs %dms %d",
                            (sample.sentNanos() - result.faultStart()) / 1e9, sample.latencyMillis(), sample.status()))
                    .collect(Collectors.joining(", "));
            System.out.printf("  %s, %s: %s%n", result.scenario(), result.mode(), slowest);
        }
        WindowFigures steadfast = overall("steadfast");
        WindowFigures baseline = overall("baseline");
        System.out.printf(
                "BROWNOUT within_2s_pct=%.2f fallbacks_pct=%.2f p99_ms=%d baseline_within_2s_pct=%.2f"
                        + " baseline_fallbacks_pct=%.2f baseline_p99_ms=%d cold_fallbacks_pct=%s cold_p99_ms=%s"
                        + " baseline_cold_fallbacks_pct=%s zk_down_p99_ratio=%s baseline_zk_down_p99_ratio=%s"
                        + " sick_last_call_ms=%s%n",
                steadfast.within2sPct(),
                steadfast.fallbacksPct(),
                steadfast.p99Millis(),
                baseline.within2sPct(),
                baseline.fallbacksPct(),
                baseline.p99Millis(),
                figure(
                        "steadfast",
                        "cold",
                        r -> String.format("%.2f", WindowFigures.of(r.fault()).fallbacksPct())),
                figure(
                        "steadfast",
                        "cold",
                        r -> Long.toString(WindowFigures.of(r.fault()).p99Millis())),
                figure(
                        "baseline",
                        "cold",
                        r -> String.format("%.2f", WindowFigures.of(r.fault()).fallbacksPct())),
                figure("steadfast", "ZooKeeper down", BrownoutBenchmark::ratio),
                figure("baseline", "ZooKeeper down", BrownoutBenchmark::ratio),
                results.stream()
                        .filter(r -> r.mode().equals("steadfast") && r.sickStoppedMillis() != -1)
                        .mapToLong(Result::sickStoppedMillis)
                        .max()
                        .stream()
                        .mapToObj(Long::toString)
                        .findFirst()
                        .orElse("-"));
    }

    /** The window's p99 over the p99 of the calm stretch before its scenario. */
    private static String ratio(Result result) {
        return String.format(
                "%.2f",
                (double) WindowFigures.of(result.fault()).p99Millis()
                        / Math.max(1, WindowFigures.of(result.calm()).p99Millis()));
    }

    /** A figure of the first result of the mode whose scenario names the text, or "-". */
    private String figure(String mode, String text, Function<Result, String> figure) {
        return results.stream()
                .filter(r -> r.mode().equals(mode) && r.scenario().contains(text))
                .findFirst()
                .map(figure)
                .orElse("-");
    }

    private static String orDash(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }

    /** The fault windows of every scenario of one mode, together (not the cold start, not the phases twice). */
    private WindowFigures overall(String mode) {
        List<Sample> all = new ArrayList<>();
        results.stream()
                .filter(r ->
                        r.mode().equals(mode) && !r.phase() && !r.scenario().startsWith("cold"))
                .forEach(r -> all.addAll(r.fault()));
        return WindowFigures.of(all);
    }

    private static Path jar(String module) {
        Path jar = Path.of(module, "target", module + "-0.1.0-SNAPSHOT.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + " (benchmarks/bench.sh builds it)");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        synchronized (started) {
            List<AutoCloseable> reversed = new ArrayList<>(started);
            Collections.reverse(reversed);
            for (AutoCloseable closeable : reversed) {
                try {
                    closeable.close();
                } catch (Exception ex) {
                    // Best effort: the benchmark is ending anyway.
                }
            }
            started.clear();
        }
    }
}
