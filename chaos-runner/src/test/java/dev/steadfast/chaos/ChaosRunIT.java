package dev.steadfast.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CI chaos run: the real runner on the demo services' repackaged jars (built earlier in the reactor), with a
 * fixed seed and two minutes of faults, among them the payment leader cut off from ZooKeeper by its proxy, then the
 * overload phase: a burst at 20 times the rate (200 orders/s) for 10 s, the demo's default burst in orders per second,
 * which every seeded run so far shed part of even on a quiet machine, where 100/s was once served in full (30 times
 * the rate overloaded the CI machine more than shedding needs). It fails the build unless every invariant holds against
 * ZooKeeper's own record of the terms, every failover completed within its bound, and the burst was shed at once
 * (503 with Retry-After) more than it timed out, with no shed order created (invariant 7). The service level
 * ({@code slo=}) is reported, not asserted: one seed is not a result.
 */
class ChaosRunIT {

    @Test
    void seededChaosRunLosesNothingAndFailsOver() throws IOException {
        Path output = Path.of("target", "chaos-run").toAbsolutePath();
        System.setProperty("java.awt.headless", "true");

        int exit = new CommandLine(new ChaosCommand())
                .execute(
                        "--seed",
                        "42",
                        "--duration",
                        "120s",
                        "--rate",
                        "10",
                        "--overload-factor",
                        "20",
                        "--output",
                        output.toString());

        String summary = Files.readString(output.resolve("summary.txt")).trim();
        assertThat(summary).startsWith("CHAOS ").contains(" verdict=PASS");
        assertThat(exit).isZero();
        assertThat(figure(summary, "acked")).isPositive();
        assertThat(figure(summary, "lost")).isZero();
        assertThat(figure(summary, "failovers")).isPositive();
        assertThat(Files.readString(output.resolve("report.html")))
                .contains(
                        "kill-payment-leader",
                        "pause-payment-leader",
                        "isolate-payment-leader-from-zookeeper",
                        "Leadership terms (ZooKeeper's transaction log)",
                        "data:image/png;base64,");
        assertThat(summary).contains(" failovers_missed=0 ", " writes_after_term_end=");
        // The overload phase: the order instances' adaptive limits shed the burst at once instead of queueing it
        // into the client's timeout, and invariant 7 found none of the shed orders in the database.
        assertThat(figure(summary, "shed")).isPositive();
        String report = Files.readString(output.resolve("report.html"));
        Matcher burst = Pattern.compile(
                        "(\\d+) shed at once \\(429: 0, 503: (\\d+); p99 (\\d+) ms\\), (\\d+) failed otherwise,"
                                + " (\\d+) unknown")
                .matcher(report);
        assertThat(burst.find()).as("overload figures in the report").isTrue();
        long shedInBurst = Long.parseLong(burst.group(1));
        assertThat(shedInBurst).isPositive();
        assertThat(Long.parseLong(burst.group(5)))
                .as("timeouts and other unknown outcomes in the burst")
                .isLessThan(shedInBurst);
        assertThat(Files.readString(output.resolve("invariants.txt")))
                .containsPattern("invariant 7 OK .*shed=[1-9]\\d* shed_but_created=0");
        assertThat(report).contains("<td>overload</td>");
        // Scraped from the real services' Prometheus endpoints during the run: the payment instances publish the
        // fence counters, the order instances the outbox gauge and the payment breaker.
        assertThat(Files.readString(output.resolve("report.html")))
                .containsPattern("<tr><td>payment-1</td><td>\\d+</td><td>\\d+</td>")
                .containsPattern("<tr><td>order-1</td><td>-</td><td>-</td>")
                .containsPattern("outbox backlog, peak \\(order_outbox_pending\\)</th><td>order-1 \\d+, order-2 \\d+")
                .containsPattern("breaker 'payment', scrapes per state</th><td>order-1: [^<]*closed \\d+");
    }

    private static long figure(String summary, String name) {
        for (String field : summary.split(" ")) {
            if (field.startsWith(name + "=")) {
                return Long.parseLong(field.substring(name.length() + 1));
            }
        }
        throw new AssertionError("No " + name + " in " + summary);
    }
}
