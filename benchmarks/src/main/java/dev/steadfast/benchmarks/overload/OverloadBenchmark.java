package dev.steadfast.benchmarks.overload;

import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.ConcurrencyLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service of fixed capacity on Tomcat, driven open-loop over HTTP at 0.5x, 1x, 2x and 4x of its capacity (one
 * level after the other, as load builds up), with no limit, a static bulkhead of 25, the adaptive inbound limit
 * (load shedding) and the adaptive bulkhead, each in its own application in the same run. Reports per level goodput
 * (answers 200 within 1 s per second), p99 and shed requests.
 *
 * <p>Options: {@code --concurrency=N} the work's best concurrency (40), {@code --service-ms=N} its service time
 * (200: capacity 200/s), {@code --seconds=N} per level (15), {@code --warmup=N} seconds at 0.25x first (5),
 * {@code --mode=NAME} (repeatable) to run only some modes, {@code --property=KEY=VALUE} (repeatable) to set a property
 * in every mode's application (such as {@code steadfast.resilience.inbound.algorithm=vegas}).
 */
public final class OverloadBenchmark {

    private static final double[] LOADS = {0.5, 1, 2, 4};

    private OverloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int concurrency = option(args, "concurrency", 40);
        int serviceMillis = option(args, "service-ms", 200);
        Duration level = Duration.ofSeconds(option(args, "seconds", 15));
        Duration warmup = Duration.ofSeconds(option(args, "warmup", 5));
        double capacity = new FixedCapacity(concurrency, serviceMillis).capacityPerSecond();
        List<String> common = new ArrayList<>(
                List.of("overload.concurrency=" + concurrency, "overload.service-millis=" + serviceMillis));
        common.addAll(options(args, "property"));
        System.out.printf(
                Locale.ROOT,
                "overload: work of capacity %.0f/s (%d at once for %d ms each, longer beyond), Tomcat's 200 threads;"
                        + " open loop at %s x capacity, %d s each after %d s at 0.25x; good = 200 within 1 s;"
                        + " properties %s%n",
                capacity,
                concurrency,
                serviceMillis,
                Arrays.toString(LOADS),
                level.toSeconds(),
                warmup.toSeconds(),
                common);
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
        Map<String, Run> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Mode> mode : modes.entrySet()) {
            if (only.isEmpty() || only.contains(mode.getKey())) {
                runs.put(mode.getKey(), run(mode.getValue(), capacity, level, warmup, common));
            }
        }
        print(runs, capacity);
        System.exit(0);
    }

    private static void print(Map<String, Run> runs, double capacity) {
        System.out.println();
        System.out.println("| limit | load | offered/s | goodput/s | goodput % of capacity | p99 ms | shed % |"
                + " no answer | limit after |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        runs.forEach((mode, run) -> {
            for (int i = 0; i < run.figures.size(); i++) {
                LoadFigures figures = run.figures.get(i);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %.1fx | %.0f | %.1f | %.1f | %d | %.2f | %d | %s |%n",
                        mode,
                        figures.load(),
                        figures.offeredPerSecond(),
                        figures.goodputPerSecond(),
                        figures.goodputPercentOf(capacity),
                        figures.p99Millis(),
                        figures.shedPercent(),
                        figures.noAnswer(),
                        run.limits.get(i));
            }
        });
        if (!runs.keySet().containsAll(List.of("none", "static", "adaptive"))) {
            return;
        }
        LoadFigures adaptive = runs.get("adaptive").at(4);
        LoadFigures half = runs.get("adaptive").at(0.5);
        LoadFigures none = runs.get("none").at(4);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "adaptive at 0.5x shed %d of %d requests (target 0); at 4x goodput %.1f %% of capacity (target >= 90)"
                        + " with p99 %d ms (target < 1000)%n",
                half.shed(),
                half.sent(),
                adaptive.goodputPercentOf(capacity),
                adaptive.p99Millis());
        System.out.printf(
                Locale.ROOT,
                "OVERLOAD adaptive_goodput_pct=%.1f static_goodput_pct=%.1f none_goodput_pct=%.1f adaptive_p99_ms=%d"
                        + " none_p99_ms=%d%n",
                adaptive.goodputPercentOf(capacity),
                runs.get("static").at(4).goodputPercentOf(capacity),
                none.goodputPercentOf(capacity),
                adaptive.p99Millis(),
                none.p99Millis());
    }

    private static Run run(Mode mode, double capacity, Duration level, Duration warmup, List<String> common)
            throws InterruptedException {
        List<String> properties = new ArrayList<>(common);
        properties.addAll(mode.properties());
        try (ConfigurableApplicationContext context = OverloadApplication.start(properties.toArray(String[]::new));
                OpenLoopDriver driver = new OpenLoopDriver(
                        URI.create("http://127.0.0.1:" + OverloadApplication.port(context) + mode.path()),
                        Duration.ofSeconds(5))) {
            driver.run(capacity * 0.25, warmup);
            Run run = new Run();
            for (double load : LOADS) {
                List<OpenLoopDriver.Sample> samples = driver.run(capacity * load, level);
                run.figures.add(LoadFigures.of(load, capacity * load, level, samples));
                run.limits.add(limit(context));
                // Let the backlog of an overloaded level drain, so that each level starts from an idle service.
                TimeUnit.SECONDS.sleep(3);
            }
            return run;
        }
    }

    /** The adaptive limit of the run, if it has one. */
    private static String limit(ConfigurableApplicationContext context) {
        if (context.containsBean("steadfastInboundLimiter")) {
            return Integer.toString(context.getBean("steadfastInboundLimiter", ConcurrencyLimiter.class)
                    .limit());
        }
        return context.getBean(AdaptiveBulkheads.class)
                .forInstance("work")
                .map(limiter -> Integer.toString(limiter.limit()))
                .orElse("-");
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

    private static final class Run {

        final List<LoadFigures> figures = new ArrayList<>();

        final List<String> limits = new ArrayList<>();

        LoadFigures at(double load) {
            return figures.stream()
                    .filter(figures -> figures.load() == load)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
