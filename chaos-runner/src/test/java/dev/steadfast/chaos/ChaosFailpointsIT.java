package dev.steadfast.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The checker can fail: one short run with three test-only failpoints on, each removing one protection, must end
 * FAIL on exactly the invariants those failpoints break (acknowledged orders lost when an order instance is killed
 * between the answer and the commit; payments settled twice without the "already settled" read; orders answered as
 * shed although they were created) and on no other.
 */
class ChaosFailpointsIT {

    @Test
    void runWithFailpointsEndsFailOnTheInvariantsTheyBreak() throws IOException {
        Path output = Path.of("target", "chaos-failpoints").toAbsolutePath();
        System.setProperty("java.awt.headless", "true");

        int exit = new CommandLine(new ChaosCommand())
                .execute(
                        "--seed", "7",
                        "--duration", "40s",
                        "--warmup", "5s",
                        "--rate", "10",
                        "--fault-kinds", "kill-order-instance",
                        "--failpoint", "ack-before-commit",
                        "--failpoint", "settle-without-check",
                        "--failpoint", "shed-after-commit",
                        "--output", output.toString());

        String summary = Files.readString(output.resolve("summary.txt")).trim();
        String invariants = Files.readString(output.resolve("invariants.txt"));
        assertThat(exit).isEqualTo(1);
        assertThat(summary).contains(" verdict=FAIL");
        assertThat(invariants)
                .containsPattern("invariant 1 FAIL .*missing=[1-9]")
                .containsPattern("invariant 3 FAIL .*settled_twice=[1-9]")
                .containsPattern("invariant 7 FAIL .*shed_but_created=[1-9]")
                .contains("invariant 2 OK", "invariant 4 OK", "invariant 5 OK", "invariant 6 OK");
    }

    /**
     * The payment leader frozen inside a settlement run (token in hand, transaction not begun) for 7.5 s, then 16 s:
     * without the database fence and without the leadership check it writes after ZooKeeper ended its term, and
     * after the 16 s freeze after its successor's batch with an older token.
     */
    @Test
    void leaderFrozenInsideSettlementWithoutFenceAndLeadershipCheckWritesStale() throws IOException {
        Path output = Path.of("target", "chaos-failpoints-fence").toAbsolutePath();
        System.setProperty("java.awt.headless", "true");

        int exit = new CommandLine(new ChaosCommand())
                .execute(
                        "--seed", "1",
                        "--duration", "45s",
                        "--warmup", "5s",
                        "--rate", "10",
                        "--failpoint", "skip-database-fence",
                        "--failpoint", "skip-assert-leader",
                        "--output", output.toString());

        String invariants = Files.readString(output.resolve("invariants.txt"));
        assertThat(exit).isEqualTo(1);
        assertThat(invariants)
                .containsPattern("invariant 4 FAIL .*token_went_backwards=[1-9]")
                .containsPattern("invariant 6 FAIL .*writes_after_term_end=[1-9]")
                .contains("invariant 1 OK", "invariant 2 OK", "invariant 3 OK", "invariant 5 OK", "invariant 7 OK");
    }
}
