package dev.steadfast.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.observe.MetricsScrape;
import dev.steadfast.chaos.observe.MetricsScrape.Fence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FenceRefusalsTests {

    @Test
    void carriesTheCountsOfAnInstanceOverItsRestart() {
        List<MetricsScrape> scrapes = List.of(
                scrape(1_000, "payment-1", 0),
                scrape(2_000, "payment-1", 2),
                scrape(3_000, "payment-1", 3),
                // killed and restarted: its counter starts again
                scrape(9_000, "payment-1", 0),
                scrape(10_000, "payment-1", 1));

        List<FenceRefusals.Series> series = FenceRefusals.of(scrapes);

        assertThat(series).singleElement().satisfies(one -> {
            assertThat(one.instanceId()).isEqualTo("payment-1");
            assertThat(one.fence()).isEqualTo(Fence.DATABASE);
            assertThat(one.points()).extracting(FenceRefusals.Point::refusals).containsExactly(0.0, 2.0, 3.0, 3.0, 4.0);
            assertThat(one.points().get(4).seconds()).isEqualTo(10.0);
            assertThat(one.total()).isEqualTo(4);
        });
    }

    @Test
    void keepsOneSeriesPerInstanceAndFenceInTheOrderOfInstancesAndFencesWhateverTheScrapeOrder() {
        List<MetricsScrape> scrapes = List.of(
                new MetricsScrape(
                        2_000,
                        "payment-service",
                        "payment-2",
                        Double.NaN,
                        null,
                        Map.of(Fence.CHECKPOINT, 1.0, Fence.DATABASE, 0.0)),
                scrape(1_500, "payment-1", 5),
                new MetricsScrape(1_000, "order-service", "order-1", 3, "closed", Map.of()));

        assertThat(FenceRefusals.of(scrapes))
                .extracting(series -> series.instanceId() + "/" + series.fence() + "=" + series.total())
                .containsExactly("payment-1/DATABASE=5.0", "payment-2/DATABASE=0.0", "payment-2/CHECKPOINT=1.0");
    }

    private static MetricsScrape scrape(long at, String instance, double databaseRefusals) {
        return new MetricsScrape(
                at, "payment-service", instance, Double.NaN, null, Map.of(Fence.DATABASE, databaseRefusals));
    }
}
