package dev.steadfast.benchmarks.hedge;

import dev.steadfast.resilience.internal.HedgeDelays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of a dependency, one with a long tail (by default 5 % of its calls take 1 s), called at a fixed rate
 * through a load-balanced blocking client, plainly and hedged in alternating slices of time (by default 1 s) within
 * one run, against the same instances: a stall of the machine or the JVM lands on both modes alike (measuring one
 * mode after the other let stalls decide the comparison). Not alternating per call: with round robin, plain calls
 * would all go to one instance. Reports latency percentiles of the logical calls (from their scheduled start, so a
 * stalled caller cannot hide latency) and the extra load: attempts that reached the instances beyond one per call.
 *
 * <p>Options: {@code --rate=N} calls per second (100, half of them in each mode), {@code --seconds=S} measured (60)
 * after {@code --warmup=S} (10, both modes, for the JIT and the hedge's latency window), {@code --slice-ms=N} (1000),
 * {@code --tail-share=F} (0.05) and {@code --tail-ms=N} (1000) of the slow instance, {@code --seed=N} (1), and the
 * hedge's delay: {@code --delay=D} (a fixed duration) or {@code --percentile=P} (95, with the starter's floor, ceiling
 * and fixed delay until enough samples).
 */
public final class HedgeBenchmark {

    private HedgeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(
                Locale.ROOT,
                "hedge: %d calls/s for %d s (after %d s warm-up), plain and hedged in alternating %d ms slices, through"
                        + " a load-balanced RestClient to two instances answering in 2-8 ms; instance 1 answers %.1f %%"
                        + " of its calls after %d ms; hedged: %s%n",
                options.rate,
                options.seconds,
                options.warmup,
                options.sliceMillis,
                options.tailShare * 100,
                options.tailMillis,
                options.delayDescription());
        List<Result> results = run(options);
        Result plain = results.get(0);
        Result hedged = results.get(1);
        System.out.println();
        System.out.println(
                "| mode | calls | failed | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | calls >= 90 % of the tail |"
                        + " attempts | extra load % | calls hedged | hedges on the other instance % | delay ms (min / median /"
                        + " max over the run) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result result : List.of(plain, hedged)) {
            System.out.println(result.row());
        }
        System.out.println();
        double ratio = plain.p99 == 0 ? 0 : (double) hedged.p99 / plain.p99;
        boolean met = ratio <= 1.0 / 3 && hedged.extraLoadPct() <= 10;
        System.out.printf(
                Locale.ROOT,
                "hedged p99 is %.3f of the plain p99 (target: at most 0.333) at %.2f %% extra load (target: at most 10):"
                        + " %s%n",
                ratio,
                hedged.extraLoadPct(),
                met ? "met" : "MISSED");
        System.out.printf(
                Locale.ROOT,
                "HEDGE p99_ms=%d plain_p99_ms=%d extra_load_pct=%.2f%n",
                hedged.p99,
                plain.p99,
                hedged.extraLoadPct());
        System.exit(0);
    }

    /** One run: the plain calls' result, then the hedged calls'. */
    private static List<Result> run(Options options) throws Exception {
        Map<Long, Integer> callLog = new ConcurrentHashMap<>();
        try (TailServer steady = new TailServer(0, options.seed, 0, 0, callLog);
                TailServer tail = new TailServer(1, options.seed + 1, options.tailShare, options.tailMillis, callLog);
                ConfigurableApplicationContext context =
                        HedgeApplication.start(List.of(steady.url(), tail.url()), options.hedgeProperties())) {
            DependencyClient client = context.getBean(DependencyClient.class);
            Queue<Call> plainCalls = new ConcurrentLinkedQueue<>();
            Queue<Call> hedgedCalls = new ConcurrentLinkedQueue<>();
            AtomicLong ids = new AtomicLong();
            ExecutorService callers = Executors.newCachedThreadPool();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            long periodNanos = 1_000_000_000L / options.rate;
            long sliceNanos = TimeUnit.MILLISECONDS.toNanos(options.sliceMillis);
            long first = System.nanoTime();
            long measureFrom = first + TimeUnit.SECONDS.toNanos(options.warmup);
            ticker.scheduleAtFixedRate(
                    () -> {
                        long id = ids.incrementAndGet();
                        // The call's intended start: a caller that fell behind still counts from here.
                        long start = first + (id - 1) * periodNanos;
                        boolean hedged = ((start - first) / sliceNanos) % 2 == 1;
                        callers.execute(() -> {
                            boolean ok;
                            try {
                                if (hedged) {
                                    client.call(id);
                                } else {
                                    client.plainCall(id);
                                }
                                ok = true;
                            } catch (RuntimeException failure) {
                                ok = false;
                            }
                            if (start >= measureFrom) {
                                (hedged ? hedgedCalls : plainCalls).add(new Call(id, System.nanoTime() - start, ok));
                            }
                        });
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            // The delay a percentile gives moves with the latencies: its range tells more than its last value.
            HedgeDelays delays = context.getBean(HedgeDelays.class);
            Queue<Long> delaySamples = new ConcurrentLinkedQueue<>();
            ticker.scheduleAtFixedRate(
                    () -> {
                        Duration delay = delays.percentileDelay("dependency");
                        if (delay != null && System.nanoTime() >= measureFrom) {
                            delaySamples.add(delay.toNanos());
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            TimeUnit.SECONDS.sleep(options.warmup + options.seconds);
            ticker.shutdown();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            callers.shutdown();
            callers.awaitTermination(30, TimeUnit.SECONDS);
            return List.of(
                    Result.of("plain", new ArrayList<>(plainCalls), callLog, options.tailMillis, "-"),
                    Result.of(
                            "hedged",
                            new ArrayList<>(hedgedCalls),
                            callLog,
                            options.tailMillis,
                            options.delay != null ? options.delay + " (fixed)" : range(delaySamples)));
        }
    }

    /** Minimum, median and maximum of the sampled delays, in ms. */
    private static String range(Queue<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f / %.1f",
                sorted[0] / 1e6,
                sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private record Call(long id, long latencyNanos, boolean ok) {}

    private record Result(
            String mode,
            int calls,
            long failed,
            long p50,
            long p90,
            long p99,
            long p999,
            long max,
            long slowCalls,
            long attempts,
            long hedgedCalls,
            long hedgedElsewhere,
            String delay) {

        static Result of(String mode, List<Call> calls, Map<Long, Integer> callLog, long tailMillis, String delay) {
            long[] latencies =
                    calls.stream().mapToLong(Call::latencyNanos).sorted().toArray();
            long attempts = 0;
            long hedged = 0;
            long elsewhere = 0;
            for (Call call : calls) {
                int logged = callLog.getOrDefault(call.id, 0);
                attempts += TailServer.attempts(logged);
                if (TailServer.attempts(logged) > 1) {
                    hedged++;
                    elsewhere += TailServer.instances(logged) > 1 ? 1 : 0;
                }
            }
            return new Result(
                    mode,
                    calls.size(),
                    calls.stream().filter(call -> !call.ok).count(),
                    millis(latencies, 50),
                    millis(latencies, 90),
                    millis(latencies, 99),
                    millis(latencies, 99.9),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1_000_000,
                    calls.stream()
                            .filter(call -> call.latencyNanos >= tailMillis * 900_000)
                            .count(),
                    attempts,
                    hedged,
                    elsewhere,
                    delay);
        }

        private static long millis(long[] sorted, double percent) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1_000_000;
        }

        double extraLoadPct() {
            return calls == 0 ? 0 : 100.0 * (attempts - calls) / calls;
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.2f | %d | %s | %s |",
                    mode,
                    calls,
                    failed,
                    p50,
                    p90,
                    p99,
                    p999,
                    max,
                    slowCalls,
                    attempts,
                    extraLoadPct(),
                    hedgedCalls,
                    hedgedCalls == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * hedgedElsewhere / hedgedCalls),
                    delay);
        }
    }

    private record Options(
            int rate,
            int seconds,
            int warmup,
            int sliceMillis,
            double tailShare,
            long tailMillis,
            long seed,
            String delay,
            int percentile) {

        static Options parse(String[] args) {
            String delay = value(args, "delay", null);
            return new Options(
                    Integer.parseInt(value(args, "rate", "100")),
                    Integer.parseInt(value(args, "seconds", "60")),
                    Integer.parseInt(value(args, "warmup", "10")),
                    Integer.parseInt(value(args, "slice-ms", "1000")),
                    Double.parseDouble(value(args, "tail-share", "0.05")),
                    Long.parseLong(value(args, "tail-ms", "1000")),
                    Long.parseLong(value(args, "seed", "1")),
                    delay,
                    delay != null ? 0 : Integer.parseInt(value(args, "percentile", "95")));
        }

        private static String value(String[] args, String name, String defaultValue) {
            for (String arg : args) {
                if (arg.startsWith("--" + name + "=")) {
                    return arg.substring(name.length() + 3);
                }
            }
            return defaultValue;
        }

        String[] hedgeProperties() {
            return delay != null
                    ? new String[] {"steadfast.resilience.hedge.delay=" + delay}
                    : new String[] {"steadfast.resilience.hedge.instances.dependency.delay-percentile=" + percentile};
        }

        String delayDescription() {
            return delay != null
                    ? "after a fixed " + delay
                    : "after the p" + percentile + " of the instance's recent attempts";
        }
    }
}
