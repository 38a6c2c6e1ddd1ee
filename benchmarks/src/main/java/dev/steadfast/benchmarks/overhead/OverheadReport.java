package dev.steadfast.benchmarks.overhead;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Prints the overhead table, with ratios against the direct call measured in the same run, and the summary line. */
final class OverheadReport {

    private OverheadReport() {}

    static void print(Map<String, RunResult> results, PrintStream out) {
        double direct = score(results, "direct");
        double raw = score(results, "raw");
        double annotated = score(results, "annotated");
        double aspects = score(results, "annotatedThroughAspects");
        out.println();
        out.println("| path | ns/call | +- (99.9%) | over direct, ns | x direct |");
        out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, RunResult> entry : results.entrySet()) {
            Result<?> result = entry.getValue().getPrimaryResult();
            out.println(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %.2f |",
                    entry.getKey(),
                    result.getScore(),
                    result.getScoreError(),
                    result.getScore() - direct,
                    result.getScore() / direct));
        }
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "annotated adds %.0f ns per call over the direct call (target: under 1000 ns)",
                annotated - direct));
        out.println(String.format(
                Locale.ROOT,
                "Steadfast's fast path (annotated) vs Resilience4j's aspects (annotatedThroughAspects): %.2fx faster",
                aspects / annotated));
        out.println(String.format(
                Locale.ROOT,
                "OVERHEAD direct_ns=%.1f raw_ns=%.1f annotated_ns=%.1f annotated_over_raw=%.2f",
                direct,
                raw,
                annotated,
                annotated / raw));
    }

    private static double score(Map<String, RunResult> results, String name) {
        RunResult result = results.get(name);
        if (result == null) {
            throw new IllegalStateException("benchmark '" + name + "' produced no result");
        }
        return result.getPrimaryResult().getScore();
    }
}
