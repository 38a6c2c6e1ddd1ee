package dev.steadfast.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
                .doesNotContainAnyElementsOf(FaultKind.NETWORK);
    }

    @Test
    void schedulesPartitionsAmongTheSevereFaultsWhereTheTopologyCanMakeThem() {
        FaultSchedule schedule = FaultSchedule.generate(42, Duration.ofMinutes(15), PAUSE, 2, true);

        int severe = FaultKind.SEVERE.size() + FaultKind.NETWORK.size();
        assertThat(schedule.faults().subList(0, severe))
                .extracting(ScheduledFault::kind)
                .containsAll(FaultKind.SEVERE)
                .containsAll(FaultKind.NETWORK);
        assertThat(schedule.faults())
                .filteredOn(fault -> FaultKind.NETWORK.contains(fault.kind()))
                .allSatisfy(fault -> assertThat(fault.holdMillis()).isEqualTo(PAUSE.toMillis()));
        assertThat(schedule.faults()).extracting(ScheduledFault::kind).contains(FaultKind.values());
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
    void baselineHasNoFaults() {
        assertThat(FaultSchedule.none().faults()).isEmpty();
    }
}
