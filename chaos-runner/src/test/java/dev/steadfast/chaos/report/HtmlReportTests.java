package dev.steadfast.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.check.CheckResult;
import dev.steadfast.chaos.check.InvariantResult;
import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.fault.FaultKind;
import dev.steadfast.chaos.load.LoadFigures;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.observe.LeaderSample;
import dev.steadfast.chaos.observe.MetricsScrape;
import dev.steadfast.chaos.observe.MetricsScrape.Fence;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTests {

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesOnePageWithEmbeddedChartsInvariantsFaultsAndFailovers() throws IOException {
        List<Operation> operations = new ArrayList<>();
        List<LeaderSample> samples = new ArrayList<>();
        List<MetricsScrape> scrapes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long at = 1_000 + i * 50L;
            Outcome outcome = i % 50 == 0 ? Outcome.UNKNOWN : Outcome.OK;
            operations.add(new Operation(
                    i,
                    "k-" + i,
                    "c-1",
                    BigDecimal.TEN,
                    "EUR",
                    at,
                    at + 20 + i % 7,
                    outcome,
                    outcome == Outcome.OK ? 201 : 0,
                    "o-" + i,
                    i % 10 == 0 ? "PAYMENT_PENDING" : "PAID",
                    1,
                    null));
            samples.add(new LeaderSample(
                    at,
                    "payment-service",
                    i < 100 ? "payment-1" : "payment-2",
                    i < 100 ? "payment-1" : "payment-2",
                    true,
                    i < 100 ? 5 : 9));
            // order-1 goes unscraped from 4 s to 8 s (killed), which breaks its lines.
            if (i % 20 == 0 && (at < 4_000 || at >= 8_000)) {
                scrapes.add(new MetricsScrape(
                        at, "order-service", "order-1", i < 100 ? i : 200 - i, i < 100 ? "open" : "closed", Map.of()));
                scrapes.add(new MetricsScrape(
                        at,
                        "payment-service",
                        "payment-1",
                        Double.NaN,
                        null,
                        Map.of(Fence.DATABASE, i < 100 ? 0.0 : 7.0, Fence.ASSERT_LEADER, 0.0, Fence.CHECKPOINT, 0.0)));
            }
        }
        InvariantResult failed = new InvariantResult(
                4,
                "no stale writes",
                false,
                "token_went_backwards=1",
                List.of("stale: batch 3 written with token 5 <after> token 9"));
        Failover failover =
                new Failover("payment-service", "kill-payment-leader", "payment-1", "payment-2", 5_000, 7_300, 12_000);
        Summary summary = new Summary(
                new CheckResult(List.of(failed), 200, 196, 0, 4, 0, 0, 0, 0, 1, 0, 0),
                List.of(failover),
                LoadFigures.of(operations, 1_000, 11_000),
                null);
        RunData run = new RunData(
                "seed 1",
                "./demo --seed 1",
                List.of("payment-1", "payment-2", "order-1", "order-2"),
                1_000,
                11_000,
                operations,
                samples,
                scrapes,
                List.of(new FaultEvent(5_000, 9_000, FaultKind.KILL_PAYMENT_LEADER, "payment-1", "kill -9")),
                List.of(failover),
                List.of(
                        new LeadershipTerm("payment-service", 5, "payment-1", "/a", 0, 5_400, "session closed"),
                        new LeadershipTerm("payment-service", 9, "payment-2", "/b", 7_300, -1, "open")),
                Map.of(5L, 3L, 9L, 2L),
                summary,
                List.<String[]>of(new String[] {"under chaos", "19.6 orders/s"}));

        Path page = HtmlReport.write(run, dir);

        String html = Files.readString(page);
        assertThat(html)
                .contains("verdict=FAIL", "kill-payment-leader", "2300", "&lt;after&gt;", "19.6 orders/s")
                .contains("session closed", "12000")
                .containsPattern("(data:image/png;base64,.*){7}")
                .contains("<tr><td>payment-1</td><td>7</td><td>0</td><td>0</td></tr>")
                .contains("<tr><td>order-1</td><td>-</td><td>-</td><td>-</td></tr>");
        for (String chart : List.of(
                "leaders.png",
                "requests.png",
                "errors.png",
                "latency.png",
                "outbox.png",
                "breaker.png",
                "fences.png")) {
            byte[] png = Files.readAllBytes(dir.resolve(chart));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
    }
}
