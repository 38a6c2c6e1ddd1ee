package dev.steadfast.chaos.report;

import dev.steadfast.chaos.observe.MetricsScrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The report's figures from the scraped meters: the outbox's peak and the payment breaker's states per instance. */
public final class ScrapedFigures {

    private ScrapedFigures() {}

    /** Rows of (name, value) for the Figures table; none for a meter no instance published. */
    public static List<String[]> rows(List<MetricsScrape> scrapes) {
        Map<String, Double> outboxPeak = new TreeMap<>();
        Map<String, Map<String, Long>> breakerStates = new TreeMap<>();
        for (MetricsScrape scrape : scrapes) {
            if (!Double.isNaN(scrape.outboxPending())) {
                outboxPeak.merge(scrape.instanceId(), scrape.outboxPending(), Math::max);
            }
            if (scrape.paymentBreakerState() != null) {
                breakerStates
                        .computeIfAbsent(scrape.instanceId(), id -> new TreeMap<>())
                        .merge(scrape.paymentBreakerState(), 1L, Long::sum);
            }
        }
        List<String[]> rows = new ArrayList<>();
        if (!outboxPeak.isEmpty()) {
            rows.add(new String[] {
                "outbox backlog, peak (order_outbox_pending)",
                outboxPeak.entrySet().stream()
                        .map(peak -> String.format(Locale.ROOT, "%s %.0f", peak.getKey(), peak.getValue()))
                        .collect(Collectors.joining(", "))
            });
        }
        if (!breakerStates.isEmpty()) {
            rows.add(new String[] {
                "breaker 'payment', scrapes per state",
                breakerStates.entrySet().stream()
                        .map(states -> states.getKey() + ": "
                                + states.getValue().entrySet().stream()
                                        .map(state -> state.getKey() + " " + state.getValue())
                                        .collect(Collectors.joining(" ")))
                        .collect(Collectors.joining("; "))
            });
        }
        return rows;
    }
}
