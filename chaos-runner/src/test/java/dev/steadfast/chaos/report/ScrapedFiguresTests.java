package dev.steadfast.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.observe.MetricsScrape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapedFiguresTests {

    @Test
    void givesTheOutboxPeakAndTheBreakerStatesPerOrderInstance() {
        List<MetricsScrape> scrapes = List.of(
                order(1_000, "order-2", 4, "closed"),
                order(1_000, "order-1", 2, "closed"),
                order(2_000, "order-1", 31, "open"),
                order(3_000, "order-1", Double.NaN, "half_open"),
                order(4_000, "order-1", 0, "closed"),
                new MetricsScrape(4_000, "payment-service", "payment-1", Double.NaN, null, Map.of()));

        assertThat(ScrapedFigures.rows(scrapes))
                .containsExactly(
                        new String[] {"outbox backlog, peak (order_outbox_pending)", "order-1 31, order-2 4"},
                        new String[] {
                            "breaker 'payment', scrapes per state",
                            "order-1: closed 2 half_open 1 open 1; order-2: closed 1"
                        });
    }

    @Test
    void hasNoRowForAMeterNoInstancePublished() {
        assertThat(ScrapedFigures.rows(List.of())).isEmpty();
    }

    private static MetricsScrape order(long at, String instance, double outbox, String breaker) {
        return new MetricsScrape(at, "order-service", instance, outbox, breaker, Map.of());
    }
}
