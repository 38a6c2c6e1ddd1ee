package dev.steadfast.chaos.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.fault.FaultKind;
import dev.steadfast.chaos.observe.Failover;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoversTests {

    private final Failovers failovers = new Failovers(Duration.ofSeconds(6), Duration.ofSeconds(6));

    @Test
    void timesAFailoverFromTheFaultUntilTheNextTermBegins() {
        List<LeadershipTerm> terms = List.of(term(100, "payment-1", 0, 7_000), term(200, "payment-2", 7_500, -1));
        FaultEvent kill = new FaultEvent(1_000, 30_000, FaultKind.KILL_PAYMENT_LEADER, "payment-1", "kill -9");

        assertThat(failovers.of(List.of(kill), terms, "payment-service"))
                .containsExactly(new Failover(
                        "payment-service", "kill-payment-leader", "payment-1", "payment-2", 1_000, 7_500, 12_000));
    }

    @Test
    void aFaultThatMissedTheLeaderIsNoFailover() {
        List<LeadershipTerm> terms = List.of(term(100, "payment-1", 0, -1));
        FaultEvent kill = new FaultEvent(1_000, 30_000, FaultKind.KILL_PAYMENT_LEADER, "payment-2", "kill -9");

        assertThat(failovers.of(List.of(kill), terms, "payment-service")).isEmpty();
    }

    @Test
    void aZooKeeperOutageCountsWithTheOutageAddedToItsBound() {
        List<LeadershipTerm> terms = List.of(term(100, "payment-1", 0, 2_000), term(300, "payment-1", 9_000, -1));
        FaultEvent outage = new FaultEvent(1_000, 5_000, FaultKind.RESTART_ZOOKEEPER, "zookeeper", "kill -9");

        assertThat(failovers.of(List.of(outage), terms, "payment-service"))
                .singleElement()
                .satisfies(failover -> {
                    assertThat(failover.to()).isEqualTo("payment-1");
                    assertThat(failover.millis()).isEqualTo(8_000);
                    assertThat(failover.boundMillis()).isEqualTo(16_000);
                    assertThat(failover.withinBound()).isTrue();
                });
    }

    @Test
    void aZooKeeperOutageThatTheLeadersSessionSurvivedIsNoFailover() {
        List<LeadershipTerm> terms = List.of(term(100, "payment-1", 0, -1));
        FaultEvent pause = new FaultEvent(1_000, 4_000, FaultKind.PAUSE_ZOOKEEPER, "zookeeper-1", "SIGSTOP");

        assertThat(failovers.of(List.of(pause), terms, "payment-service")).isEmpty();
    }

    @Test
    void aLeaderThatKeepsItsTermAfterTheFaultIsAMissedFailover() {
        List<LeadershipTerm> terms = List.of(term(100, "payment-1", 0, -1));
        FaultEvent pause = new FaultEvent(1_000, 13_000, FaultKind.PAUSE_PAYMENT_LEADER, "payment-1", "SIGSTOP");

        assertThat(failovers.of(List.of(pause), terms, "payment-service"))
                .singleElement()
                .satisfies(failover -> assertThat(failover.completed()).isFalse());
    }

    private static LeadershipTerm term(long token, String participant, long began, long ended) {
        return new LeadershipTerm(
                "payment-service", token, participant, "/n" + token, began, ended, ended < 0 ? "open" : "deleted");
    }
}
