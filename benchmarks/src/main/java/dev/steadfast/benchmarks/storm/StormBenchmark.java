package dev.steadfast.benchmarks.storm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A dependency goes down for a while, then heals; callers keep calling it at a fixed rate through an annotated
 * {@code @Retry} client with Steadfast's defaults, once with the retry budget (the default) and once with plain
 * Resilience4j retries, in the same run. Reports the attempts per logical call started during the outage and the
 * time after healing until callers see only successes.
 *
 * <p>Options: {@code --rate=N} calls per second (400), {@code --outage=S} seconds down (20), {@code --before=S} and
 * {@code --after=S} healthy seconds around it (5 each).
 */
public final class StormBenchmark {

    private StormBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = option(args, "rate", 400);
        int outage = option(args, "outage", 20);
        int before = option(args, "before", 5);
        int after = option(args, "after", 5);
        System.out.printf(
                Locale.ROOT,
                "storm: %d calls/s, healthy %d s, down %d s (503), healthy %d s; Steadfast's retry defaults (3 attempts,"
                        + " 200 ms backoff x2, jitter 0.5)%n",
                rate,
                before,
                outage,
                after);
        Result budget = run("budget", true, rate, before, outage, after);
        Result plain = run("plain", false, rate, before, outage, after);
        System.out.println();
        System.out.println("| retries | calls in outage | attempts | attempts/call | outage p50 ms | failed calls |"
                + " recovery ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Result result : List.of(budget, plain)) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %.3f | %d | %d | %d |%n",
                    result.mode,
                    result.outageCalls,
                    result.outageAttempts,
                    result.amplification(),
                    result.outageP50Millis,
                    result.failedCalls,
                    result.recoveryMillis);
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "budget amplification %.3f (target: at most 1.25), plain %.3f: %.2fx fewer attempts on the sick"
                        + " dependency%n",
                budget.amplification(),
                plain.amplification(),
                plain.amplification() / budget.amplification());
        System.out.printf(
                Locale.ROOT,
                "STORM budget_amplification=%.3f plain_amplification=%.3f budget_recovery_ms=%d plain_recovery_ms=%d%n",
                budget.amplification(),
                plain.amplification(),
                budget.recoveryMillis,
                plain.recoveryMillis);
        System.exit(0);
    }

    private static Result run(String mode, boolean budget, int rate, int before, int outage, int after)
            throws Exception {
        try (FlakyServer server = new FlakyServer();
                ConfigurableApplicationContext context = StormApplication.start(
                        "storm.dependency-url=" + server.url(),
                        "steadfast.resilience.retry-budget.enabled=" + budget)) {
            DependencyClient client = context.getBean(DependencyClient.class);
            Queue<Call> calls = new ConcurrentLinkedQueue<>();
            AtomicLong ids = new AtomicLong();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(
                    () -> {
                        long id = ids.incrementAndGet();
                        long start = System.nanoTime();
                        client.call(id)
                                .whenComplete((body, failure) ->
                                        calls.add(new Call(id, start, System.nanoTime(), failure == null)));
                    },
                    0,
                    1_000_000_000L / rate,
                    TimeUnit.NANOSECONDS);
            TimeUnit.SECONDS.sleep(before);
            long downAt = System.nanoTime();
            server.down(true);
            TimeUnit.SECONDS.sleep(outage);
            server.down(false);
            long healedAt = System.nanoTime();
            TimeUnit.SECONDS.sleep(after);
            ticker.shutdown();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (calls.size() < ids.get() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            return Result.of(mode, new ArrayList<>(calls), server, downAt, healedAt);
        }
    }

    private static int option(String[] args, String name, int defaultValue) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return defaultValue;
    }

    private record Call(long id, long startNanos, long endNanos, boolean ok) {}

    private record Result(
            String mode,
            int outageCalls,
            long outageAttempts,
            long outageP50Millis,
            long failedCalls,
            long recoveryMillis) {

        static Result of(String mode, List<Call> calls, FlakyServer server, long downAt, long healedAt) {
            List<Call> inOutage = calls.stream()
                    .filter(call -> call.startNanos >= downAt && call.startNanos < healedAt)
                    .toList();
            long attempts = inOutage.stream()
                    .mapToLong(call -> server.attempts(call.id))
                    .sum();
            long[] latencies = inOutage.stream()
                    .mapToLong(call -> call.endNanos - call.startNanos)
                    .sorted()
                    .toArray();
            long p50 = latencies.length == 0 ? 0 : latencies[latencies.length / 2] / 1_000_000;
            long failed = calls.stream().filter(call -> !call.ok).count();
            // After healing, callers have recovered once the last failed call has returned.
            long lastFailure = calls.stream()
                    .filter(call -> !call.ok)
                    .mapToLong(Call::endNanos)
                    .max()
                    .orElse(healedAt);
            long recovery = Math.max(0, lastFailure - healedAt) / 1_000_000;
            return new Result(mode, inOutage.size(), attempts, p50, failed, recovery);
        }

        double amplification() {
            return outageCalls == 0 ? 0 : (double) outageAttempts / outageCalls;
        }
    }
}
