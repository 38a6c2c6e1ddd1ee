package dev.steadfast.chaos.report;

import dev.steadfast.chaos.observe.MetricsScrape;
import dev.steadfast.chaos.observe.MetricsScrape.Fence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each fence refused a write on each instance over the whole run, from the scraped counters. A counter
 * lives as long as its JVM: when an instance is restarted its counter starts again at 0, so a value below the one
 * before is taken as a restart and the counts before it are carried over. Refusals between an instance's last
 * scrape and its crash are not seen (at most one scrape interval).
 */
final class FenceRefusals {

    /** One point of a refusal count over time: seconds since the run started, refusals since the run started. */
    record Point(double seconds, double refusals) {}

    /** The refusal count of one fence on one instance over time. */
    record Series(String instanceId, Fence fence, List<Point> points) {

        double total() {
            return points.isEmpty() ? 0 : points.get(points.size() - 1).refusals();
        }
    }

    private FenceRefusals() {}

    /** One series per instance and fence that published a counter, ordered by instance, then fence. */
    static List<Series> of(List<MetricsScrape> scrapes) {
        Map<String, Map<Fence, List<Point>>> byInstance = new TreeMap<>();
        Map<String, Map<Fence, double[]>> lastAndCarried = new LinkedHashMap<>();
        List<MetricsScrape> ordered = scrapes.stream()
                .sorted(Comparator.comparingLong(MetricsScrape::timeMillis))
                .toList();
        for (MetricsScrape scrape : ordered) {
            for (Map.Entry<Fence, Double> counter : scrape.fenceRefusals().entrySet()) {
                double raw = counter.getValue();
                if (Double.isNaN(raw)) {
                    continue;
                }
                double[] state = lastAndCarried
                        .computeIfAbsent(scrape.instanceId(), id -> new LinkedHashMap<>())
                        .computeIfAbsent(counter.getKey(), fence -> new double[] {0, 0});
                if (raw < state[0]) {
                    state[1] += state[0];
                }
                state[0] = raw;
                byInstance
                        .computeIfAbsent(scrape.instanceId(), id -> new TreeMap<>())
                        .computeIfAbsent(counter.getKey(), fence -> new ArrayList<>())
                        .add(new Point(scrape.timeMillis() / 1000.0, state[1] + raw));
            }
        }
        List<Series> series = new ArrayList<>();
        byInstance.forEach((instance, fences) ->
                fences.forEach((fence, points) -> series.add(new Series(instance, fence, List.copyOf(points)))));
        return series;
    }
}
