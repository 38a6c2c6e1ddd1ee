package dev.steadfast.chaos.report;

import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import dev.steadfast.chaos.observe.LeaderSample;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the report's charts with XChart, time on the x axis in seconds since the run started. */
final class Charts {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 360;

    private Charts() {}

    /** Who led each service over time: one lane per instance, a dot for every poll in which it reported LEADER. */
    static byte[] leaders(RunData run) {
        XYChart chart = chart(
                "Leader per service (dots: instance reports LEADER; shaded: each fault from start to heal)",
                "instance");
        List<String> lanes = new ArrayList<>(new TreeSet<>(run.instances()));
        // Drawn first, so that the dots lie on top of the windows.
        faultWindows(chart, run.faults(), lanes.size() + 1.0);
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (int lane = 0; lane < lanes.size(); lane++) {
            String instance = lanes.get(lane);
            labels.put(lane + 1, instance);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (LeaderSample sample : run.samples()) {
                if (sample.instanceId().equals(instance) && sample.leader()) {
                    x.add(sample.timeMillis() / 1000.0);
                    y.add(lane + 1.0);
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries(instance, x, y);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(lanes.size() + 1.0);
        chart.getStyler().setYAxisTicksVisible(false);
        // XChart's tick calculator skips most custom tick labels, so each lane is named inside the plot.
        double left =
                run.samples().stream().mapToLong(LeaderSample::timeMillis).min().orElse(run.loadStartMillis()) / 1000.0;
        labels.forEach((lane, instance) -> chart.addAnnotation(new AnnotationText(instance, left, lane + 0.3, false)));
        // Each fault named at its start, staggered so that neighbours do not overlap.
        for (int i = 0; i < run.faults().size(); i++) {
            FaultEvent fault = run.faults().get(i);
            chart.addAnnotation(new AnnotationText(
                    fault.kind().label(), fault.startMillis() / 1000.0, lanes.size() + 0.75 - 0.25 * (i % 2), false));
        }
        return png(chart);
    }

    /** Requests per second by outcome. */
    static byte[] rates(RunData run) {
        XYChart chart = chart("Requests per second by outcome (shaded: each fault from start to heal)", "requests/s");
        Buckets buckets = new Buckets(run);
        double[] sent = buckets.count(op -> true);
        if (buckets.seconds.length > 0) {
            faultWindows(chart, run.faults(), max(sent));
        }
        line(chart, "sent", buckets.seconds, sent);
        line(chart, "answered 201", buckets.seconds, buckets.count(op -> op.acknowledged() && !op.fallback()));
        line(chart, "answered 202 (fallback)", buckets.seconds, buckets.count(Operation::fallback));
        line(chart, "failed", buckets.seconds, buckets.count(op -> op.outcome() == Outcome.FAIL));
        line(chart, "unknown", buckets.seconds, buckets.count(op -> op.outcome() == Outcome.UNKNOWN));
        line(chart, "shed (429/503 at once)", buckets.seconds, buckets.count(Operation::shed));
        return png(chart);
    }

    /** Share of fallbacks (202) and errors per second. */
    static byte[] errorRates(RunData run) {
        XYChart chart =
                chart("Fallback, failed, unknown and shed (% of requests sent in that second; shaded: faults)", "%");
        Buckets buckets = new Buckets(run);
        double[] sent = buckets.count(op -> true);
        double[] fallback = buckets.count(Operation::fallback);
        if (buckets.seconds.length > 0) {
            faultWindows(chart, run.faults(), 100);
        }
        line(chart, "fallback (202)", buckets.seconds, percent(fallback, sent));
        line(chart, "failed", buckets.seconds, percent(buckets.count(op -> op.outcome() == Outcome.FAIL), sent));
        line(chart, "unknown", buckets.seconds, percent(buckets.count(op -> op.outcome() == Outcome.UNKNOWN), sent));
        line(chart, "shed", buckets.seconds, percent(buckets.count(Operation::shed), sent));
        return png(chart);
    }

    private static double[] percent(double[] part, double[] whole) {
        double[] rate = new double[whole.length];
        for (int i = 0; i < whole.length; i++) {
            rate[i] = whole[i] == 0 ? 0 : 100 * part[i] / whole[i];
        }
        return rate;
    }

    /** Latency percentiles of the answered requests, per second of invocation. */
    static byte[] latency(RunData run) {
        XYChart chart = chart("Latency of answered requests (ms, by second sent; shaded: faults)", "ms");
        Buckets buckets = new Buckets(run);
        Map<String, double[]> percentiles = new LinkedHashMap<>();
        for (int percentile : new int[] {50, 90, 99}) {
            double[] values = new double[buckets.seconds.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = Summary.percentile(buckets.latencies.get(i), percentile);
            }
            percentiles.put("p" + percentile, values);
        }
        if (buckets.seconds.length > 0) {
            faultWindows(chart, run.faults(), max(percentiles.values().toArray(double[][]::new)));
        }
        percentiles.forEach((name, values) -> line(chart, name, buckets.seconds, values));
        return png(chart);
    }

    static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("seconds since start")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisMaxLabelCount(24);
        return chart;
    }

    static void line(XYChart chart, String name, double[] x, double[] y) {
        if (x.length > 0) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        }
    }

    /**
     * Each fault's window from start to heal shaded up to {@code top}, one legend entry per fault (its number in the
     * Faults table and its kind), so that the shading is labelled.
     */
    static void faultWindows(XYChart chart, List<FaultEvent> faults, double top) {
        for (int i = 0; i < faults.size(); i++) {
            FaultEvent fault = faults.get(i);
            double start = fault.startMillis() / 1000.0;
            double end = Math.max(start + 0.5, fault.endMillis() / 1000.0);
            XYSeries window = chart.addSeries(
                    "fault " + (i + 1) + ": " + fault.kind().label(), new double[] {start, end}, new double[] {top, top
                    });
            window.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            window.setMarker(SeriesMarkers.NONE);
            Color color = FAULT_COLORS[i % FAULT_COLORS.length];
            window.setFillColor(color);
            window.setLineColor(color);
        }
    }

    /** Translucent, so that the series drawn over a window stay readable. */
    private static final Color[] FAULT_COLORS = {
        new Color(255, 140, 0, 45), new Color(148, 0, 211, 40), new Color(220, 20, 60, 40), new Color(0, 128, 128, 45)
    };

    static double max(double[]... series) {
        double max = 1;
        for (double[] values : series) {
            for (double value : values) {
                max = Math.max(max, value);
            }
        }
        return max * 1.05;
    }

    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The history cut into one-second buckets by invocation time. */
    private static final class Buckets {
        final double[] seconds;
        final List<List<Operation>> operations = new ArrayList<>();
        final List<List<Long>> latencies = new ArrayList<>();

        Buckets(RunData run) {
            long first = run.loadStartMillis() / 1000;
            long last = Math.max(first, run.loadEndMillis() / 1000);
            int size = (int) (last - first + 1);
            seconds = new double[size];
            for (int i = 0; i < size; i++) {
                seconds[i] = first + i;
                operations.add(new ArrayList<>());
                latencies.add(new ArrayList<>());
            }
            for (Operation op : run.operations()) {
                int i = (int) (op.invokedAtMillis() / 1000 - first);
                if (i >= 0 && i < size) {
                    operations.get(i).add(op);
                    if (op.acknowledged()) {
                        latencies.get(i).add(op.latencyMillis());
                    }
                }
            }
        }

        double[] count(java.util.function.Predicate<Operation> filter) {
            double[] counts = new double[seconds.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = operations.get(i).stream().filter(filter).count();
            }
            return counts;
        }
    }
}
