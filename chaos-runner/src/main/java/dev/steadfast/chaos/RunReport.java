package dev.steadfast.chaos;

import dev.steadfast.chaos.check.InvariantResult;
import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.load.History;
import dev.steadfast.chaos.load.LoadFigures;
import dev.steadfast.chaos.load.OverloadFigures;
import dev.steadfast.chaos.observe.LeaderObserver;
import dev.steadfast.chaos.observe.MetricsObserver;
import dev.steadfast.chaos.observe.MetricsScrape;
import dev.steadfast.chaos.process.ServiceInstance;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.report.HtmlReport;
import dev.steadfast.chaos.report.RunData;
import dev.steadfast.chaos.report.ScrapedFigures;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run tells once it is checked: the verdict on each invariant and on the failovers, the figures, the HTML
 * report, and the files that scripts read ({@code summary.txt}, {@code invariants.txt}).
 */
final class RunReport {

    private final RunOptions options;
    private final PrintStream out;

    RunReport(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Prints each invariant's line with its examples, then the failover line with the failovers that missed. */
    void printVerdict(Summary summary) {
        for (InvariantResult invariant : summary.check().invariants()) {
            out.println(invariant.line());
            invariant.examples().forEach(example -> out.println("    " + example));
        }
        out.println(summary.failoverLine());
        summary.failovers().stream()
                .filter(failover -> !failover.withinBound())
                .forEach(failover -> out.println("    " + failover));
    }

    /** Writes report.html, summary.txt and invariants.txt, and prints the figures and the last line. */
    void write(
            Path dir,
            Topology topology,
            History history,
            LeaderObserver observer,
            MetricsObserver metrics,
            List<FaultEvent> faults,
            OverloadFigures overload,
            Summary summary,
            List<LeadershipTerm> terms,
            Map<Long, Long> batchesByToken,
            long[] window)
            throws IOException {
        LoadFigures figures = summary.figures();
        LoadFigures baseline = summary.baseline();
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
            "failovers (ZooKeeper's record)",
            summary.failovers().size() + " (p50 " + summary.failoverP50() + " ms, max " + summary.failoverMax()
                    + " ms, " + summary.failoversMissed() + " missing or over their bound)"
        });
        rows.add(new String[] {"leadership terms in ZooKeeper's log", Integer.toString(terms.size())});
        rows.add(new String[] {"service level (slo)", summary.sloMet() ? "MET" : "MISSED"});
        rows.add(new String[] {"faults injected", Integer.toString(faults.size())});
        if (overload != null) {
            rows.add(new String[] {
                "overload burst (" + RunOptions.trim(options.overloadFactor()) + " x the rate, after the faults)",
                overload.describe()
            });
        }
        rows.add(new String[] {
            "shed at once (429, or 503 with Retry-After) over the whole run",
            summary.check().shed() + " orders, none of which may exist (invariant 7)"
        });
        List<MetricsScrape> scrapes = metrics.scrapes();
        rows.add(new String[] {
            "Prometheus scrapes (every 1 s per instance that is up)",
            scrapes.size() + " answered, " + metrics.unreadable() + " not in the text format"
        });
        rows.addAll(ScrapedFigures.rows(scrapes));
        rows.add(new String[] {"build commit", buildCommit()});
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
                scrapes,
                faults,
                summary.failovers(),
                terms,
                batchesByToken,
                summary,
                rows);
        Path page = HtmlReport.write(data, dir);
        rows.forEach(row -> out.println(row[0] + ": " + row[1]));
        out.println("Report: " + page);
        Files.writeString(dir.resolve("summary.txt"), summary.line() + "\n");
        Files.writeString(
                dir.resolve("invariants.txt"),
                summary.check().invariants().stream().map(InvariantResult::line).collect(Collectors.joining("\n"))
                        + "\n" + summary.failoverLine() + "\n");
        out.println(summary.line());
    }

    /** The checkout's commit, so that a report says which code it judged. */
    private String buildCommit() {
        try {
            Process git = new ProcessBuilder(
                            "git", "-C", options.projectDir().toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true)
                    .start();
            String commit = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 && !commit.isEmpty() ? commit : "unknown (not a git checkout)";
        } catch (IOException ex) {
            return "unknown (no git)";
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
