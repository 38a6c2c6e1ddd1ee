package dev.steadfast.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChaosCommandTests {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @Test
    void listsTheOptionsOfTheIssueInItsHelp() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--seed",
                        "--duration",
                        "--rate",
                        "--zk-servers",
                        "--db",
                        "--no-faults",
                        "--output",
                        "--base-port",
                        "--seeds",
                        "--failpoint",
                        "--fault-kinds",
                        "--no-overload",
                        "--overload-factor",
                        "--overload-burst");
    }

    @Test
    void refusesAnUnknownFailpointAndFaultKindNamingTheKnownOnes() {
        assertThat(execute("--failpoint", "skip-everything")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown --failpoint skip-everything", "settle-without-check");
        assertThat(execute("--fault-kinds", "kill-everything")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown --fault-kinds kill-everything", "isolate-payment-leader-from-zookeeper");
    }

    @Test
    void refusesAnOverloadFactorThatIsNoBurst() {
        assertThat(execute("--overload-factor", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--overload-factor must be above 1");
    }

    @Test
    void refusesSeedsItCannotRead() {
        assertThat(execute("--seeds", "ten")).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds ten is not like 1-10");
    }

    @Test
    void readsSeedRangesAndLists() {
        assertThat(ChaosCommand.seedList("1-4,9")).containsExactly(1L, 2L, 3L, 4L, 9L);
        assertThat(ChaosCommand.seedList("7")).containsExactly(7L);
    }

    @Test
    void summarisesASweepNamingTheSeedsThatFailedOrMissedTheServiceLevel() {
        String line = ChaosCommand.sweepLine(List.of(
                "seed=1 CHAOS orders=1 within_2s_pct=99.50 slo=MET verdict=PASS",
                "seed=2 CHAOS orders=1 within_2s_pct=96.60 slo=MISSED verdict=PASS",
                "seed=3 CHAOS orders=1 within_2s_pct=99.10 slo=MET verdict=FAIL"));

        assertThat(line)
                .isEqualTo("SWEEP seeds=3 pass=2 fail=1 slo_met=2 slo_missed=1 failed_seeds=3 slo_missed_seeds=2");
    }

    @Test
    void refusesAnEnsembleSizeOtherThanOneOrThree() {
        assertThat(execute("--zk-servers", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--zk-servers must be 1 or 3");
    }

    @Test
    void refusesAnUnknownDatabase() {
        assertThat(execute("--db", "mysql")).isEqualTo(2);
        assertThat(err.toString()).contains("--db must be h2 or postgres");
    }

    @Test
    void refusesToRestartAPostgresServerItDoesNotOwn() {
        assertThat(execute(
                        "--db",
                        "postgres",
                        "--pg-url",
                        "jdbc:postgresql://127.0.0.1:5432/steadfast",
                        "--fault-kinds",
                        "restart-database"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("restart-database").contains("drop --pg-url");
    }

    @Test
    void refusesADurationItCannotRead() {
        assertThat(execute("--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("120s");
    }

    private int execute(String... args) {
        return new CommandLine(new ChaosCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }
}
