package dev.steadfast.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTests {

    private static final Duration PAUSE = Duration.ofSeconds(12);

    @Test
    void sameSeedGivesTheSameSchedule() {
        assertThat(FaultSchedule.generate(7, Duration.ofMinutes(5), PAUSE, 2).faults())
                .isEqualTo(FaultSchedule.generate(7, Duration.ofMinutes(5), PAUSE, 2)
                        .faults());
    }

    @Test
    void otherSeedGivesAnotherSchedule() {
        assertThat(FaultSchedule.generate(7, Duration.ofMinutes(5), PAUSE, 2).faults())
                .isNotEqualTo(FaultSchedule.generate(8, Duration.ofMinutes(5), PAUSE, 2)
                        .faults());
    }

    @Test
    void schedulesEverySevereFaultFirstAndEveryKindInALongEnoughRun() {
        FaultSchedule schedule = FaultSchedule.generate(42, Duration.ofMinutes(10), PAUSE, 2);

        assertThat(schedule.faults().subList(0, FaultKind.SEVERE.size()))
                .extracting(ScheduledFault::kind)
                .containsExactlyInAnyOrderElementsOf(FaultKind.SEVERE);
        assertThat(schedule.faults())
                .extracting(ScheduledFault::kind)
                .containsAll(FaultKind.SEVERE)
                .containsAll(FaultKind.MILD)
                .containsAll(FaultKind.LINKS)
                .doesNotContainAnyElementsOf(FaultKind.NETWORK);
    }

    @Test
    void schedulesPartitionsAmongTheSevereFaultsWhereTheTopologyCanMakeThem() {
        FaultSchedule schedule =
                FaultSchedule.generate(42, Duration.ofMinutes(15), PAUSE, 2, EnumSet.allOf(FaultKind.class), true);

        List<FaultKind> severe = new ArrayList<>(FaultKind.SEVERE);
        severe.removeAll(FaultKind.LINKS);
        severe.addAll(FaultKind.NETWORK);
        assertThat(schedule.faults().subList(0, severe.size()))
                .extracting(ScheduledFault::kind)
                .containsExactlyInAnyOrderElementsOf(severe);
        assertThat(schedule.faults())
                .filteredOn(fault -> FaultKind.NETWORK.contains(fault.kind()))
                .allSatisfy(fault -> assertThat(fault.holdMillis()).isEqualTo(PAUSE.toMillis()));
        // The containers have no proxies in front of them: the link faults are never drawn there.
        assertThat(schedule.faults())
                .extracting(ScheduledFault::kind)
                .containsAll(FaultKind.NETWORK)
                .doesNotContainAnyElementsOf(FaultKind.LINKS);
    }

    @Test
    void freezesThePausedLeaderForThePauseAndKeepsEveryFaultInsideTheRun() {
        FaultSchedule schedule = FaultSchedule.generate(42, Duration.ofMinutes(2), PAUSE, 2);

        assertThat(schedule.faults())
                .filteredOn(fault -> fault.kind() == FaultKind.PAUSE_PAYMENT_LEADER)
                .allSatisfy(fault -> assertThat(fault.holdMillis()).isEqualTo(PAUSE.toMillis()));
        assertThat(schedule.faults())
                .allSatisfy(fault -> assertThat(fault.atMillis()).isLessThan(120_000));
        assertThat(schedule.faults())
                .allSatisfy(fault -> assertThat(fault.target()).isBetween(0, 1));
    }

    @Test
    void drawsOnlyTheKindsAskedForAndBriefPausesBelowTheSessionTimeout() {
        FaultSchedule schedule = FaultSchedule.generate(
                3,
                Duration.ofMinutes(10),
                PAUSE,
                2,
                EnumSet.of(FaultKind.KILL_ORDER_INSTANCE, FaultKind.BRIEF_PAUSE_PAYMENT_LEADER));

        assertThat(schedule.faults())
                .extracting(ScheduledFault::kind)
                .containsOnly(FaultKind.KILL_ORDER_INSTANCE, FaultKind.BRIEF_PAUSE_PAYMENT_LEADER);
        assertThat(schedule.faults())
                .filteredOn(fault -> fault.kind() == FaultKind.BRIEF_PAUSE_PAYMENT_LEADER)
                .allSatisfy(fault -> assertThat(fault.holdMillis()).isBetween(500L, 5_800L));
        assertThat(FaultSchedule.generate(3, Duration.ofMinutes(1), PAUSE, 2, EnumSet.noneOf(FaultKind.class))
                        .faults())
                .isEmpty();
    }

    @Test
    void neverDrawsTheOverloadPhaseSoThatEverySeedKeepsItsSchedule() {
        EnumSet<FaultKind> withoutPhases = EnumSet.copyOf(FaultKind.defaults());
        withoutPhases.removeAll(FaultKind.PHASES);
        assertThat(FaultKind.defaults()).contains(FaultKind.OVERLOAD);
        for (long seed = 1; seed <= 42; seed++) {
            assertThat(FaultSchedule.generate(seed, Duration.ofMinutes(2), PAUSE, 2)
                            .faults())
                    .as("seed %d", seed)
                    .isEqualTo(FaultSchedule.generate(seed, Duration.ofMinutes(2), PAUSE, 2, withoutPhases)
                            .faults())
                    .extracting(ScheduledFault::kind)
                    .doesNotContain(FaultKind.OVERLOAD);
        }
        // Seed 42 of ChaosRunIT, as it was before the overload phase existed.
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(2), PAUSE, 2).faults())
                .extracting(ScheduledFault::kind)
                .containsExactly(
                        FaultKind.PAUSE_PAYMENT_LEADER,
                        FaultKind.KILL_ORDER_INSTANCE,
                        FaultKind.RESTART_ZOOKEEPER,
                        FaultKind.ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER,
                        FaultKind.KILL_PAYMENT_LEADER,
                        FaultKind.CUT_ORDER_INSTANCE_FROM_ZOOKEEPER_ANSWERS);
        // Only the phase asked for: nothing to draw, and no endless search for something drawable.
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(2), PAUSE, 2, EnumSet.of(FaultKind.OVERLOAD))
                        .faults())
                .isEmpty();
    }

    @Test
    void baselineHasNoFaults() {
        assertThat(FaultSchedule.none().faults()).isEmpty();
    }

    @Test
    void drawsAPauseInsideSettlementOnlyWhenNamedAlternatingBeforeAndAfterTheSuccessorWrites() {
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(10), PAUSE, 2).faults())
                .extracting(ScheduledFault::kind)
                .doesNotContain(FaultKind.PAUSE_PAYMENT_LEADER_IN_SETTLEMENT);

        FaultSchedule aimed = FaultSchedule.generate(
                42, Duration.ofMinutes(2), PAUSE, 2, EnumSet.of(FaultKind.PAUSE_PAYMENT_LEADER_IN_SETTLEMENT));

        assertThat(aimed.faults())
                .extracting(ScheduledFault::holdMillis)
                .startsWith(
                        FaultSchedule.IN_SETTLEMENT_BEFORE_SUCCESSOR,
                        FaultSchedule.IN_SETTLEMENT_AFTER_SUCCESSOR,
                        FaultSchedule.IN_SETTLEMENT_BEFORE_SUCCESSOR);
        assertThat(aimed.faults())
                .extracting(ScheduledFault::outlastsSuccessorsWrite)
                .startsWith(false, true, false);
    }

    @Test
    void drawsADatabaseRestartOnlyWhenNamedInLocalAndComposeRuns() {
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(10), PAUSE, 2).faults())
                .extracting(ScheduledFault::kind)
                .doesNotContain(FaultKind.RESTART_DATABASE);
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(1), PAUSE, 2, EnumSet.of(FaultKind.RESTART_DATABASE))
                        .faults())
                .extracting(ScheduledFault::kind)
                .contains(FaultKind.RESTART_DATABASE);
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(10), PAUSE, 2, FaultKind.defaults(), true)
                        .faults())
                .extracting(ScheduledFault::kind)
                .doesNotContain(FaultKind.RESTART_DATABASE);
        assertThat(FaultSchedule.generate(42, Duration.ofMinutes(10), PAUSE, 2, EnumSet.allOf(FaultKind.class), true)
                        .faults())
                .extracting(ScheduledFault::kind)
                .contains(FaultKind.RESTART_DATABASE);
    }
}
