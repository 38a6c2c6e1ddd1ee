package dev.steadfast.benchmarks.brownout;

import dev.steadfast.benchmarks.brownout.OpenLoopLoad.Sample;
import dev.steadfast.benchmarks.failover.ZooKeeperProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Brownout of one payment instance of two, seen from the order service's clients: a ZooKeeper server process, two
 * demo-payment-service JVMs and one demo-order-service JVM (their jars, default H2 databases), open-loop load on
 * {@code POST /orders}. Scenarios in turn, each with Steadfast's instance-aware load balancing (the default) and
 * without it ({@code steadfast.loadbalancer.enabled=false}: plain Spring Cloud LoadBalancer with the same
 * Resilience4j retry, breaker, bulkhead and timeouts). Each mode starts its own order JVM and warms it up for 30 s
 * under the same load before the first scenario. Options: {@code --rate=N} orders per second (default 20).
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

    private final Path workDir;
    private final ZooKeeperProcess zookeeper;
    private final ServiceProcess sick;
    private final ServiceProcess healthy;
    private final List<Result> results = new ArrayList<>();

    /** One scenario in one mode: the requests sent in the calm stretch before the fault and in the fault window. */
    private record Result(String mode, String scenario, double windowSeconds, List<Sample> calm, List<Sample> fault) {}

    /** Where one scenario's windows begin and end, on {@link System#nanoTime()}. */
    private record Window(String scenario, long calmStart, long faultStart, long faultEnd) {}

    private BrownoutBenchmark(Path workDir, ZooKeeperProcess zookeeper, ServiceProcess sick, ServiceProcess healthy) {
        this.workDir = workDir;
        this.zookeeper = zookeeper;
        this.sick = sick;
        this.healthy = healthy;
    }

    /** Runs the fault of one scenario; returns the end of its window on {@link System#nanoTime()}. */
    @FunctionalInterface
    private interface Fault {
        long inject() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rate = 20;
        for (String arg : args) {
            if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(arg.substring("--rate=".length()));
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
            BrownoutBenchmark benchmark = new BrownoutBenchmark(workDir, zookeeper, sick, healthy);
            benchmark.run("steadfast", List.of(), rate, started);
            benchmark.run(
                    "baseline",
                    List.of(
                            "--steadfast.loadbalancer.enabled=false",
                            // the loadBalancer readiness contributor is part of the layer switched off
                            "--management.endpoint.health.group.readiness.include=readinessState,db,circuitBreakers"),
                    rate,
                    started);
            benchmark.print();
        } finally {
            closeAll(started);
        }
    }

    private static ServiceProcess payment(String id, ZooKeeperProcess zookeeper, Path workDir) throws IOException {
        return new ServiceProcess(
                id,
                jar("demo-payment-service"),
                freePort(),
                Map.of("INSTANCE_ID", id, "ZK_CONNECT", zookeeper.connectString(), "CHAOS_MONKEY", "true"),
                List.of("--logging.level.root=WARN"),
                workDir);
    }

    private void run(String mode, List<String> orderArgs, int rate, List<AutoCloseable> started) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(orderArgs);
        args.add("--logging.level.root=WARN");
        ServiceProcess order = new ServiceProcess(
                "order-" + mode,
                jar("demo-order-service"),
                port,
                Map.of("INSTANCE_ID", "order-" + mode, "ZK_CONNECT", zookeeper.connectString()),
                args,
                workDir);
        started.add(order);
        order.start();
        order.awaitReady(START_TIMEOUT);
        try (OpenLoopLoad load = new OpenLoopLoad(order.baseUrl(), mode + "-" + System.currentTimeMillis())) {
            load.start(rate);
            Thread.sleep(WARM_UP.toMillis());
            List<Window> windows = new ArrayList<>();
            scenario(windows, "freeze 12 s (SIGSTOP)", () -> {
                sick.freeze();
                Thread.sleep(12_000);
                sick.thaw();
                return System.nanoTime();
            });
            scenario(windows, "kill -9 + restart", () -> {
                sick.crash();
                sick.start();
                sick.awaitReady(START_TIMEOUT);
                return System.nanoTime();
            });
            scenario(windows, "ZooKeeper killed 5 s", () -> {
                zookeeper.kill();
                Thread.sleep(5_000);
                zookeeper.restart();
                return System.nanoTime();
            });
            scenario(windows, "latency 1.5-2.5 s, 15 s", () -> {
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
                results.add(new Result(
                        mode,
                        window.scenario(),
                        (window.faultEnd() - window.faultStart()) / 1e9,
                        load.sentBetween(window.calmStart(), window.faultStart()),
                        load.sentBetween(window.faultStart(), window.faultEnd())));
            }
        } finally {
            order.close();
            started.remove(order);
        }
    }

    /** A calm stretch, then the fault; records both windows (the fault window runs from the fault to its end). */
    private void scenario(List<Window> windows, String name, Fault fault) throws Exception {
        sick.awaitReady(START_TIMEOUT);
        healthy.awaitReady(START_TIMEOUT);
        long calmStart = System.nanoTime();
        Thread.sleep(CALM.toMillis()); // the calm stretch is part of the measurement
        long faultStart = System.nanoTime();
        System.out.printf("%tT %s%n", System.currentTimeMillis(), name);
        long faultEnd = fault.inject();
        windows.add(new Window(name, calmStart, faultStart, faultEnd));
    }

    private String chaos(String path, String json) {
        return Integer.toString(sick.post(json, "/actuator/chaosmonkey" + path));
    }

    private void print() {
        System.out.println();
        System.out.println("| scenario | mode | fault window s | requests | answered within 2 s % | fallbacks % |"
                + " p50 ms | p99 ms | calm p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> scenarios =
                results.stream().map(Result::scenario).distinct().toList();
        for (String scenario : scenarios) {
            for (Result result : results) {
                if (result.scenario().equals(scenario)) {
                    WindowFigures fault = WindowFigures.of(result.fault());
                    System.out.printf(
                            "| %s | %s | %.1f | %d | %.2f | %.2f | %d | %d | %d |%n",
                            scenario,
                            result.mode(),
                            result.windowSeconds(),
                            fault.requests(),
                            fault.within2sPct(),
                            fault.fallbacksPct(),
                            fault.p50Millis(),
                            fault.p99Millis(),
                            WindowFigures.of(result.calm()).p99Millis());
                }
            }
        }
        WindowFigures steadfast = overall("steadfast");
        WindowFigures baseline = overall("baseline");
        System.out.printf(
                "BROWNOUT within_2s_pct=%.2f fallbacks_pct=%.2f p99_ms=%d baseline_within_2s_pct=%.2f"
                        + " baseline_fallbacks_pct=%.2f baseline_p99_ms=%d%n",
                steadfast.within2sPct(),
                steadfast.fallbacksPct(),
                steadfast.p99Millis(),
                baseline.within2sPct(),
                baseline.fallbacksPct(),
                baseline.p99Millis());
    }

    /** The fault windows of every scenario of one mode, together. */
    private WindowFigures overall(String mode) {
        List<Sample> all = new ArrayList<>();
        results.stream().filter(r -> r.mode().equals(mode)).forEach(r -> all.addAll(r.fault()));
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
