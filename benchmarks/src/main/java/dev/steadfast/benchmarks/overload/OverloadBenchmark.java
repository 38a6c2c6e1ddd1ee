package dev.steadfast.benchmarks.overload;

import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.ConcurrencyLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service of fixed capacity on Tomcat, driven open-loop over HTTP at 0.5x, 1x, 2x and 4x of its capacity (one
 * level after the other, as load builds up), with no limit, a static bulkhead of 25, the adaptive inbound limit
 * (load shedding, Steadfast's defaults) and the adaptive bulkhead (defaults), each in its own application in the
 * same run. Reports per level goodput (answers 200 within 1 s per second), p99 and shed requests.
 *
 * <p>Options: {@code --concurrency=N} the work's best concurrency (40), {@code --service-ms=N} its service time
 * (200: capacity 200/s), {@code --seconds=N} per level (15), {@code --warmup=N} seconds at 0.25x first (5).
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
        System.out.printf(
                Locale.ROOT,
                "overload: work of capacity %.0f/s (%d at once for %d ms each, longer beyond), Tomcat's 200 threads;"
                        + " open loop at %s x capacity, %d s each after %d s at 0.25x; good = 200 within 1 s%n",
                capacity,
                concurrency,
                serviceMillis,
                java.util.Arrays.toString(LOADS),
                level.toSeconds(),
                warmup.toSeconds());
        String[] common = {"overload.concurrency=" + concurrency, "overload.service-millis=" + serviceMillis};
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("none", run("/work", capacity, level, warmup, common));
        runs.put(
                "static",
                run(
                        "/guarded",
                        capacity,
                        level,
                        warmup,
                        common,
                        "resilience4j.bulkhead.instances.work.max-concurrent-calls=25",
                        "resilience4j.bulkhead.instances.work.max-wait-duration=0"));
        runs.put(
                "adaptive", run("/work", capacity, level, warmup, common, "steadfast.resilience.inbound.enabled=true"));
        runs.put(
                "adaptive-bulkhead",
                run(
                        "/guarded",
                        capacity,
                        level,
                        warmup,
                        common,
                        "steadfast.resilience.bulkhead.instances.work.adaptive.enabled=true"));

        System.out.println();
        System.out.println(
                "| limit | load | offered/s | goodput/s | goodput % of capacity | p99 ms | shed % | no answer |"
                        + " limit after |");
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
        LoadFigures adaptive = runs.get("adaptive").at(4);
        LoadFigures none = runs.get("none").at(4);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "adaptive at 0.5x shed %d of %d requests (target 0); at 4x goodput %.1f %% of capacity (target >= 90)"
                        + " with p99 %d ms (target < 1000)%n",
                runs.get("adaptive").at(0.5).shed(),
                runs.get("adaptive").at(0.5).sent(),
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
        System.exit(0);
    }

    private static Run run(
            String path, double capacity, Duration level, Duration warmup, String[] common, String... own)
            throws InterruptedException {
        List<String> properties = new ArrayList<>(List.of(common));
        properties.addAll(List.of(own));
        try (ConfigurableApplicationContext context = OverloadApplication.start(properties.toArray(String[]::new));
                OpenLoopDriver driver = new OpenLoopDriver(
                        URI.create("http://127.0.0.1:" + OverloadApplication.port(context) + path),
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
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return defaultValue;
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
