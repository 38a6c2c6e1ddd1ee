package dev.steadfast.benchmarks.overload;

import dev.steadfast.benchmarks.process.ServiceProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;

/**
 * A service of fixed capacity on Tomcat, driven open-loop over HTTP at 0.5x, 1x, 2x and 4x of its capacity (one
 * level after the other, as load builds up), with no limit, a static bulkhead of 25, the adaptive inbound limit
 * (load shedding) and the adaptive bulkhead. Each mode's service runs in its own JVM, started fresh for the mode, and
 * this JVM only drives the load, so that the driver's CPU and garbage never land in the measured service. The modes
 * run in rounds, each round in the reverse order of the last, so that a stall of the machine does not fall on one
 * mode only. Reports per mode, round and level goodput (answers 200 within 1 s per second), p99, shed requests, the
 * service's CPU and GC time and the machine's load average; the last line pools the rounds.
 *
 * <p>Options: {@code --concurrency=N} the work's best concurrency (40), {@code --service-ms=N} its service time
 * (200: capacity 200/s), {@code --seconds=N} per level (15), {@code --warmup=N} seconds at 0.25x first (5),
 * {@code --rounds=N} (2), {@code --mode=NAME} (repeatable) to run only some modes, {@code --property=KEY=VALUE}
 * (repeatable) to set a property in every mode's application (such as
 * {@code steadfast.resilience.inbound.algorithm=vegas}). GC logs and the services' standard error go to
 * {@code benchmarks/target/overload/}.
 */
public final class OverloadBenchmark {

    private static final double[] LOADS = {0.5, 1, 2, 4};

    private OverloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int concurrency = option(args, "concurrency", 40);
        int serviceMillis = option(args, "service-ms", 200);
        Duration level = Duration.ofSeconds(option(args, "seconds", 15));
        Duration warmup = Duration.ofSeconds(option(args, "warmup", 5));
        int rounds = option(args, "rounds", 2);
        double capacity = new FixedCapacity(concurrency, serviceMillis).capacityPerSecond();
        List<String> common = new ArrayList<>(
                List.of("overload.concurrency=" + concurrency, "overload.service-millis=" + serviceMillis));
        common.addAll(options(args, "property"));
        Path workDir = Files.createDirectories(Path.of("benchmarks", "target", "overload"));
        System.out.printf(
                Locale.ROOT,
                "overload: work of capacity %.0f/s (%d at once for %d ms each, longer beyond), Tomcat's 200 threads,"
                        + " each mode's service in its own JVM; open loop at %s x capacity, %d s each after %d s at"
                        + " 0.25x; %d rounds; good = 200 within 1 s; properties %s; %d processors, load average %s%n",
                capacity,
                concurrency,
                serviceMillis,
                Arrays.toString(LOADS),
                level.toSeconds(),
                warmup.toSeconds(),
                rounds,
                common,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        Map<String, Mode> modes = new LinkedHashMap<>();
        modes.put("none", new Mode("/work"));
        modes.put(
                "static",
                new Mode(
                        "/guarded",
                        "resilience4j.bulkhead.instances.work.max-concurrent-calls=25",
                        "resilience4j.bulkhead.instances.work.max-wait-duration=0"));
        modes.put("adaptive", new Mode("/work", "steadfast.resilience.inbound.enabled=true"));
        modes.put(
                "adaptive-bulkhead",
                new Mode("/guarded", "steadfast.resilience.bulkhead.instances.work.adaptive.enabled=true"));
        List<String> only = options(args, "mode");
        modes.keySet().removeIf(name -> !only.isEmpty() && !only.contains(name));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        modes.keySet().forEach(name -> runs.put(name, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(modes.keySet());
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (String name : order) {
                System.out.printf(Locale.ROOT, "round %d: %s, load average %s%n", round, name, loadAverage());
                runs.get(name).add(run(name + "-" + round, modes.get(name), capacity, level, warmup, common, workDir));
            }
        }
        print(runs, capacity, level);
        System.exit(0);
    }

    private static void print(Map<String, List<Run>> runs, double capacity, Duration level) {
        System.out.println();
        System.out.println("| limit | round | load | offered/s | goodput/s | goodput % of capacity | p99 ms | shed % |"
                + " no answer | limit after | service CPU % | service GC ms | load average |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        runs.forEach((mode, rounds) -> {
            for (int round = 0; round < rounds.size(); round++) {
                Run run = rounds.get(round);
                for (int i = 0; i < run.levels.size(); i++) {
                    Level figures = run.levels.get(i);
                    LoadFigures load = figures.figures();
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %d | %.1fx | %.0f | %.1f | %.1f | %d | %.2f | %d | %s | %.0f | %d | %s |%n",
                            mode,
                            round + 1,
                            load.load(),
                            load.offeredPerSecond(),
                            load.goodputPerSecond(),
                            load.goodputPercentOf(capacity),
                            load.p99Millis(),
                            load.shedPercent(),
                            load.noAnswer(),
                            figures.limit(),
                            100.0 * figures.cpuMillis() / level.toMillis(),
                            figures.gcMillis(),
                            figures.loadAverage());
                }
            }
        });
        if (!runs.keySet().containsAll(List.of("none", "static", "adaptive"))) {
            return;
        }
        System.out.println();
        int rounds = runs.get("adaptive").size();
        for (int round = 0; round < rounds; round++) {
            int index = round;
            summary(
                    "round " + (round + 1) + ": ",
                    load -> runs.get("adaptive").get(index).at(load),
                    load -> runs.get("static").get(index).at(load),
                    load -> runs.get("none").get(index).at(load),
                    capacity);
        }
        // The last line pools every round's requests of a level: goodput over all the rounds' seconds, p99 over all.
        summary(
                "",
                load -> pooled(runs.get("adaptive"), load, level),
                load -> pooled(runs.get("static"), load, level),
                load -> pooled(runs.get("none"), load, level),
                capacity);
    }

    private static void summary(
            String prefix,
            DoubleFunction<LoadFigures> adaptiveAt,
            DoubleFunction<LoadFigures> staticAt,
            DoubleFunction<LoadFigures> noneAt,
            double capacity) {
        LoadFigures adaptive = adaptiveAt.apply(4);
        LoadFigures half = adaptiveAt.apply(0.5);
        LoadFigures none = noneAt.apply(4);
        if (!prefix.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "%sadaptive at 0.5x shed %d of %d requests (target 0); at 4x goodput %.1f %% of capacity"
                            + " (target >= 90) with p99 %d ms (target < 1000)%n",
                    prefix,
                    half.shed(),
                    half.sent(),
                    adaptive.goodputPercentOf(capacity),
                    adaptive.p99Millis());
        }
        System.out.printf(
                Locale.ROOT,
                "%sOVERLOAD adaptive_goodput_pct=%.1f static_goodput_pct=%.1f none_goodput_pct=%.1f adaptive_p99_ms=%d"
                        + " none_p99_ms=%d%n",
                prefix,
                adaptive.goodputPercentOf(capacity),
                staticAt.apply(4).goodputPercentOf(capacity),
                none.goodputPercentOf(capacity),
                adaptive.p99Millis(),
                none.p99Millis());
    }

    private static LoadFigures pooled(List<Run> rounds, double load, Duration level) {
        List<OpenLoopDriver.Sample> samples = new ArrayList<>();
        rounds.forEach(run -> samples.addAll(run.levelAt(load).samples()));
        LoadFigures first = rounds.get(0).at(load);
        return LoadFigures.of(load, first.offeredPerSecond(), level.multipliedBy(rounds.size()), samples);
    }

    private static Run run(
            String id, Mode mode, double capacity, Duration level, Duration warmup, List<String> common, Path workDir)
            throws IOException, InterruptedException {
        List<String> properties = new ArrayList<>(common);
        properties.addAll(mode.properties());
        try (ServiceProcess service = start(id, properties, workDir);
                OpenLoopDriver driver =
                        new OpenLoopDriver(URI.create(service.baseUrl() + mode.path()), Duration.ofSeconds(5))) {
            int statsPort = Integer.parseInt(service.announced("STATS"));
            driver.run(capacity * 0.25, warmup);
            Run run = new Run();
            for (double load : LOADS) {
                ServiceStats before = ServiceStats.fetch(statsPort);
                List<OpenLoopDriver.Sample> samples = driver.run(capacity * load, level);
                ServiceStats after = ServiceStats.fetch(statsPort);
                run.levels.add(new Level(
                        LoadFigures.of(load, capacity * load, level, samples),
                        samples,
                        after.limit(),
                        after.cpuMillis() - before.cpuMillis(),
                        after.gcMillis() - before.gcMillis(),
                        loadAverage()));
                // Let the backlog of an overloaded level drain, so that each level starts from an idle service.
                TimeUnit.SECONDS.sleep(3);
            }
            return run;
        }
    }

    /**
     * The service under test in its own JVM (a GC log, standard error in the work directory), once it has announced
     * its port and its stats server's; killed if it does not within 2 minutes.
     */
    private static ServiceProcess start(String id, List<String> properties, Path workDir)
            throws IOException, InterruptedException {
        ServiceProcess service = ServiceProcess.fromMainClass(id, OverloadApplication.class, workDir)
                .jvmOptions("-Xmx512m")
                .gcLog()
                .args(properties.stream().map(property -> "--" + property).toList())
                .build();
        service.start();
        service.awaitReady(Duration.ofMinutes(2));
        return service;
    }

    /** The machine's load average over the last minute, or {@code ?} where there is none. */
    private static String loadAverage() {
        double average = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return average < 0 ? "?" : String.format(Locale.ROOT, "%.1f", average);
    }

    private static int option(String[] args, String name, int defaultValue) {
        List<String> values = options(args, name);
        return values.isEmpty() ? defaultValue : Integer.parseInt(values.get(values.size() - 1));
    }

    /** Every value of a repeatable option such as {@code --property=KEY=VALUE}. */
    private static List<String> options(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                values.add(arg.substring(name.length() + 3));
            }
        }
        return values;
    }

    /** What a mode calls and how its application is configured. */
    private record Mode(String path, List<String> properties) {

        Mode(String path, String... properties) {
            this(path, List.of(properties));
        }
    }

    /** One level of one mode's run, with the service's CPU and GC time during the level (and its drain). */
    private record Level(
            LoadFigures figures,
            List<OpenLoopDriver.Sample> samples,
            String limit,
            long cpuMillis,
            long gcMillis,
            String loadAverage) {}

    private static final class Run {

        final List<Level> levels = new ArrayList<>();

        Level levelAt(double load) {
            return levels.stream()
                    .filter(level -> level.figures().load() == load)
                    .findFirst()
                    .orElseThrow();
        }

        LoadFigures at(double load) {
            return levelAt(load).figures();
        }
    }
}
