package dev.steadfast.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
                        "--base-port");
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
