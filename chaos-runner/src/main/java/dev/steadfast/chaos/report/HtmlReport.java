package dev.steadfast.chaos.report;

import dev.steadfast.chaos.check.InvariantResult;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.observe.MetricsScrape.Fence;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes {@code report.html} (charts embedded, so the page travels alone) and the charts as PNG files. */
public final class HtmlReport {

    private HtmlReport() {}

    /** Writes the report into {@code directory} and returns the page's path. */
    public static Path write(RunData run, Path directory) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put("leaders.png", Charts.leaders(run));
        charts.put("requests.png", Charts.rates(run));
        charts.put("errors.png", Charts.errorRates(run));
        charts.put("latency.png", Charts.latency(run));
        List<FenceRefusals.Series> refusals = FenceRefusals.of(run.scrapes());
        charts.put("outbox.png", MetricCharts.outboxBacklog(run));
        charts.put("breaker.png", MetricCharts.breakerState(run));
        charts.put("fences.png", MetricCharts.fenceRefusals(run, refusals));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Steadfast chaos run</title><style>")
                .append(
                        "body{font-family:sans-serif;margin:2em;max-width:1150px}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".PASS,.OK{color:#080;font-weight:bold}.FAIL{color:#b00;font-weight:bold}")
                .append("code{background:#f4f4f4;padding:2px 4px}</style></head><body>");
        String verdict = run.summary().passed() ? "PASS" : "FAIL";
        html.append("<h1>Steadfast chaos run: <span class=\"")
                .append(verdict)
                .append("\">")
                .append(verdict)
                .append("</span></h1>");
        html.append("<p>").append(escape(run.title())).append("</p>");
        html.append("<p>Reproduce: <code>").append(escape(run.command())).append("</code></p>");
        html.append("<p><code>").append(escape(run.summary().line())).append("</code></p>");
        html.append("<h2>Invariants</h2><table><tr><th>#</th><th>invariant</th><th>verdict</th><th>counts</th>")
                .append("<th>examples</th></tr>");
        for (InvariantResult invariant : run.summary().check().invariants()) {
            String status = invariant.holds() ? "OK" : "FAIL";
            html.append("<tr><td>")
                    .append(invariant.number())
                    .append("</td><td>")
                    .append(escape(invariant.title()))
                    .append("</td><td class=\"")
                    .append(status)
                    .append("\">")
                    .append(status)
                    .append("</td><td>")
                    .append(escape(invariant.counts()))
                    .append("</td><td>")
                    .append(escape(String.join("\n", invariant.examples())).replace("\n", "<br>"))
                    .append("</td></tr>");
        }
        String liveness = run.summary().failoversMissed() == 0 ? "OK" : "FAIL";
        html.append("<tr><td>-</td><td>every failover (a leader hit by a fault, or a ZooKeeper outage) completed")
                .append(" within its bound</td><td class=\"")
                .append(liveness)
                .append("\">")
                .append(liveness)
                .append("</td><td>failovers=")
                .append(run.summary().failovers().size())
                .append(" missing_or_over_bound=")
                .append(run.summary().failoversMissed())
                .append("</td><td></td></tr>");
        html.append("</table><h2>Figures</h2><table>");
        for (String[] figure : run.figures()) {
            html.append("<tr><th>")
                    .append(escape(figure[0]))
                    .append("</th><td>")
                    .append(escape(figure[1]))
                    .append("</td></tr>");
        }
        html.append("</table><h2>Charts</h2>");
        for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
            html.append("<p><img alt=\"")
                    .append(chart.getKey())
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(chart.getValue()))
                    .append("\"></p>");
        }
        fenceTable(html, run, refusals);
        html.append("<h2>Faults</h2><table><tr><th>start s</th><th>healed s</th><th>fault</th><th>target</th>")
                .append(
                        "<th>detail</th><th>impact: failed / shed / unknown / fallbacks among orders sent meanwhile</th>")
                .append("<th>recovered after heal, ms (")
                .append(FaultImpact.STEADY_SECONDS)
                .append(" s in a row with &ge; ")
                .append((int) FaultImpact.NORMAL_PERCENT)
                .append(" % answered within 2 s)</th></tr>");
        for (FaultEvent fault : run.faults()) {
            List<Operation> during = run.operations().stream()
                    .filter(op ->
                            op.invokedAtMillis() >= fault.startMillis() && op.invokedAtMillis() < fault.endMillis())
                    .toList();
            html.append("<tr><td>")
                    .append(seconds(fault.startMillis()))
                    .append("</td><td>")
                    .append(seconds(fault.endMillis()))
                    .append("</td><td>")
                    .append(fault.kind().label())
                    .append("</td><td>")
                    .append(escape(fault.target()))
                    .append("</td><td>")
                    .append(escape(fault.detail()))
                    .append("</td><td>")
                    .append(during.stream()
                            .filter(op -> op.outcome() == Outcome.FAIL)
                            .count())
                    .append(" / ")
                    .append(during.stream().filter(Operation::shed).count())
                    .append(" / ")
                    .append(during.stream()
                            .filter(op -> op.outcome() == Outcome.UNKNOWN)
                            .count())
                    .append(" / ")
                    .append(during.stream().filter(Operation::fallback).count())
                    .append(" of ")
                    .append(during.size())
                    .append("</td><td>")
                    .append(FaultImpact.recoveryMillis(fault, run.operations(), run.loadEndMillis()).stream()
                            .mapToObj(Long::toString)
                            .findFirst()
                            .orElse("not within the load"))
                    .append("</td></tr>");
        }
        html.append("</table><h2>Failovers</h2><table><tr><th>service</th><th>cause</th><th>from</th><th>to</th>")
                .append("<th>fault at s</th><th>new term after ms</th><th>bound ms</th></tr>");
        for (Failover failover : run.failovers()) {
            html.append("<tr><td>")
                    .append(escape(failover.service()))
                    .append("</td><td>")
                    .append(failover.cause())
                    .append("</td><td>")
                    .append(escape(failover.from()))
                    .append("</td><td>")
                    .append(escape(String.valueOf(failover.to())))
                    .append("</td><td>")
                    .append(seconds(failover.startMillis()))
                    .append("</td><td>")
                    .append(failover.completed() ? Long.toString(failover.millis()) : "none")
                    .append("</td><td class=\"")
                    .append(failover.withinBound() ? "OK" : "FAIL")
                    .append("\">")
                    .append(failover.boundMillis())
                    .append("</td></tr>");
        }
        html.append("</table><h2>Leadership terms (ZooKeeper's transaction log)</h2><table><tr><th>election</th>")
                .append("<th>token</th><th>participant</th><th>began s</th><th>ended s</th><th>ended by</th>")
                .append("<th>batches written</th></tr>");
        for (LeadershipTerm term : run.terms()) {
            html.append("<tr><td>")
                    .append(escape(term.election()))
                    .append("</td><td>")
                    .append(term.token())
                    .append("</td><td>")
                    .append(escape(term.participant()))
                    .append("</td><td>")
                    .append(seconds(term.beganMillis()))
                    .append("</td><td>")
                    .append(term.open() ? "-" : seconds(term.endedMillis()))
                    .append("</td><td>")
                    .append(escape(term.endedBy()))
                    .append("</td><td>")
                    .append(run.batchesByToken().getOrDefault(term.token(), 0L))
                    .append("</td></tr>");
        }
        html.append(
                        "</table><p>History: <code>history.jsonl</code>; process logs: <code>*.log</code> next to this page.")
                .append("</p></body></html>\n");
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
                Files.write(directory.resolve(chart.getKey()), chart.getValue());
            }
            return Files.writeString(directory.resolve("report.html"), html.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Per instance, how many writes each fence refused over the run; "-" where the instance has no such fence. */
    private static void fenceTable(StringBuilder html, RunData run, List<FenceRefusals.Series> refusals) {
        html.append("<h2>Writes refused by the fences</h2><p>From the counters scraped every second from each")
                .append(" instance's <code>/actuator/prometheus</code> (<code>payment_settlement_fenced_total</code>,")
                .append(" <code>steadfast_checkpoint_failures_total{fenced=\"true\"}</code>), carried over restarts.")
                .append("</p><table><tr><th>instance</th>");
        for (Fence fence : Fence.values()) {
            html.append("<th>").append(escape(fence.label())).append("</th>");
        }
        html.append("</tr>");
        Map<String, Map<Fence, Double>> totals = new TreeMap<>();
        run.scrapes().forEach(scrape -> totals.put(scrape.instanceId(), new EnumMap<>(Fence.class)));
        for (FenceRefusals.Series series : refusals) {
            totals.computeIfAbsent(series.instanceId(), id -> new EnumMap<>(Fence.class))
                    .put(series.fence(), series.total());
        }
        if (totals.isEmpty()) {
            html.append("<tr><td colspan=\"")
                    .append(Fence.values().length + 1)
                    .append("\">no instance answered a scrape</td></tr>");
        }
        totals.forEach((instance, counts) -> {
            html.append("<tr><td>").append(escape(instance)).append("</td>");
            for (Fence fence : Fence.values()) {
                Double count = counts.get(fence);
                html.append("<td>")
                        .append(count == null ? "-" : Long.toString(Math.round(count)))
                        .append("</td>");
            }
            html.append("</tr>");
        });
        html.append("</table>");
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
