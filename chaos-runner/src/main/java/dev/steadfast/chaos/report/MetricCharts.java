package dev.steadfast.chaos.report;

import dev.steadfast.chaos.observe.MetricsScrape;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of what the runner scraped from the services' Prometheus endpoints, fault windows shaded. */
final class MetricCharts {

    /** The breaker states on one axis: the order in which a breaker escalates. */
    private static final Map<String, Double> BREAKER_LEVELS =
            Map.of("closed", 0.0, "half_open", 1.0, "open", 2.0, "forced_open", 2.0);

    /** Three missed scrapes in a row: the instance was not there. */
    private static final double GAP_SECONDS = 3.5;

    private static final Color[] LINE_COLORS = {
        new Color(0, 70, 170),
        new Color(0, 120, 40),
        new Color(30, 30, 30),
        new Color(150, 60, 0),
        new Color(110, 0, 110),
        new Color(0, 130, 150)
    };

    private MetricCharts() {}

    /** The order service's outbox backlog per order instance. */
    static byte[] outboxBacklog(RunData run) {
        XYChart chart =
                Charts.chart("Outbox backlog per order instance (order_outbox_pending; shaded: faults)", "orders");
        Map<String, List<double[]>> points = perInstance(run.scrapes(), MetricsScrape::outboxPending);
        double top = points.values().stream()
                .flatMap(List::stream)
                .mapToDouble(point -> point[1])
                .filter(y -> !Double.isNaN(y))
                .max()
                .orElse(1);
        Charts.faultWindows(chart, run.faults(), Math.max(1, top) * 1.05);
        points.forEach((instance, series) -> add(chart, instance, series, XYSeries.XYSeriesRenderStyle.Line));
        return Charts.png(chart);
    }

    /** The state of the {@code payment} circuit breaker per order instance. */
    static byte[] breakerState(RunData run) {
        XYChart chart = Charts.chart(
                "Circuit breaker 'payment' per order instance (0 closed, 1 half-open, 2 open; shaded: faults)",
                "state");
        Charts.faultWindows(chart, run.faults(), 2.2);
        perInstance(run.scrapes(), MetricCharts::breakerLevel)
                .forEach((instance, series) -> add(chart, instance, series, XYSeries.XYSeriesRenderStyle.Step));
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(2.2);
        return Charts.png(chart);
    }

    /** NaN (no point) for an instance without the breaker or a state that is not an escalation step. */
    private static double breakerLevel(MetricsScrape scrape) {
        String state = scrape.paymentBreakerState();
        return state == null ? Double.NaN : BREAKER_LEVELS.getOrDefault(state, Double.NaN);
    }

    /** Refusals of each fence per instance, counted from the start of the run (restarts carried over). */
    static byte[] fenceRefusals(RunData run, List<FenceRefusals.Series> refusals) {
        XYChart chart =
                Charts.chart("Writes refused by each fence, per instance (cumulative; shaded: faults)", "refusals");
        double top =
                refusals.stream().mapToDouble(FenceRefusals.Series::total).max().orElse(1);
        Charts.faultWindows(chart, run.faults(), Math.max(1, top) * 1.05);
        for (FenceRefusals.Series series : refusals) {
            List<double[]> points = series.points().stream()
                    .map(point -> new double[] {point.seconds(), point.refusals()})
                    .toList();
            add(chart, series.instanceId() + ": " + series.fence().label(), points, XYSeries.XYSeriesRenderStyle.Step);
        }
        return Charts.png(chart);
    }

    /**
     * The points (seconds, value) of one value per instance that published it, NaN values left out. Where an instance
     * went unscraped for longer than {@link #GAP_SECONDS} (down, frozen, not answering) a NaN point breaks its line,
     * so that the chart shows a gap rather than a straight line across the outage.
     */
    private static Map<String, List<double[]>> perInstance(
            List<MetricsScrape> scrapes, ToDoubleFunction<MetricsScrape> value) {
        Map<String, List<double[]>> points = new TreeMap<>();
        for (MetricsScrape scrape : scrapes) {
            double y = value.applyAsDouble(scrape);
            if (!Double.isNaN(y)) {
                List<double[]> series = points.computeIfAbsent(scrape.instanceId(), id -> new ArrayList<>());
                double x = scrape.timeMillis() / 1000.0;
                if (!series.isEmpty() && x - series.get(series.size() - 1)[0] > GAP_SECONDS) {
                    series.add(new double[] {x - GAP_SECONDS / 2, Double.NaN});
                }
                series.add(new double[] {x, y});
            }
        }
        return points;
    }

    private static void add(XYChart chart, String name, List<double[]> points, XYSeries.XYSeriesRenderStyle style) {
        if (points.isEmpty()) {
            return;
        }
        double[] x = points.stream().mapToDouble(point -> point[0]).toArray();
        double[] y = points.stream().mapToDouble(point -> point[1]).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(style);
        series.setMarker(SeriesMarkers.NONE);
        // Opaque and dark, so that no line takes the colour of a translucent fault window behind it.
        Color color = LINE_COLORS[(chart.getSeriesMap().size() - 1) % LINE_COLORS.length];
        series.setLineColor(color);
        series.setLineWidth(2f);
    }
}
