package dev.steadfast.loadbalancer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.loadbalancer.EjectionReason;
import dev.steadfast.loadbalancer.EjectionSkipped;
import dev.steadfast.loadbalancer.EjectionState;
import dev.steadfast.loadbalancer.InstanceEjected;
import dev.steadfast.loadbalancer.InstanceEvent;
import dev.steadfast.loadbalancer.InstanceReturned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceOutliersTests {

    private static final List<String> THREE = List.of("a:1", "b:1", "c:1");

    private final MutableClock clock = new MutableClock();

    private final List<InstanceEvent> events = new ArrayList<>();

    private final OutlierSettings settings =
            new OutlierSettings(3, 50, 10, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60), 50);

    private final ServiceOutliers outliers = new ServiceOutliers("payment", settings, clock, events::add);

    @Test
    void ejectsAfterConsecutiveFailuresAndNotBefore() {
        outliers.ejectedAmong(THREE);
        outliers.recordFailure("a:1");
        outliers.recordFailure("a:1");
        assertThat(outliers.ejectedAmong(THREE)).isEmpty();
        outliers.recordFailure("a:1");
        assertThat(outliers.ejectedAmong(THREE)).containsExactly("a:1");
        assertThat(events)
                .containsExactly(
                        new InstanceEjected("payment", "a:1", EjectionReason.CONSECUTIVE_FAILURES, 1, seconds(5)));
    }

    @Test
    void aSuccessBreaksTheRunOfFailures() {
        outliers.ejectedAmong(THREE);
        outliers.recordFailure("a:1");
        outliers.recordFailure("a:1");
        outliers.recordSuccess("a:1");
        outliers.recordFailure("a:1");
        outliers.recordFailure("a:1");
        assertThat(outliers.ejectedAmong(THREE)).isEmpty();
    }

    @Test
    void ejectsOnAFailureRateOverTheWindowWithoutARunOfFailures() {
        outliers.ejectedAmong(THREE);
        for (int i = 0; i < 5; i++) {
            outliers.recordSuccess("b:1");
            outliers.recordFailure("b:1");
        }
        assertThat(outliers.ejectedAmong(THREE)).containsExactly("b:1");
        assertThat(events)
                .singleElement()
                .extracting(event -> ((InstanceEjected) event).reason())
                .isEqualTo(EjectionReason.FAILURE_RATE);
    }

    @Test
    void returnsAfterItsTimeAndIsEjectedAgainAtOnceForLongerWhenItStillFails() {
        outliers.ejectedAmong(THREE);
        failThreeTimes("a:1");
        clock.advance(seconds(5));
        assertThat(outliers.ejectedAmong(THREE)).isEmpty();
        assertThat(outliers.health()).singleElement().extracting(h -> h.state()).isEqualTo(EjectionState.PROBATION);

        outliers.recordFailure("a:1");

        assertThat(outliers.ejectedAmong(THREE)).containsExactly("a:1");
        assertThat(events)
                .containsExactly(
                        new InstanceEjected("payment", "a:1", EjectionReason.CONSECUTIVE_FAILURES, 1, seconds(5)),
                        new InstanceReturned("payment", "a:1"),
                        new InstanceEjected("payment", "a:1", EjectionReason.FAILED_ON_PROBATION, 2, seconds(10)));
    }

    @Test
    void aReturnedInstanceThatAnswersBecomesActiveAndIsForgivenAfterTheMaximumEjectionTime() {
        outliers.ejectedAmong(THREE);
        failThreeTimes("a:1");
        clock.advance(seconds(5));
        outliers.recordSuccess("a:1");
        assertThat(outliers.health()).singleElement().satisfies(health -> {
            assertThat(health.state()).isEqualTo(EjectionState.ACTIVE);
            assertThat(health.ejections()).isEqualTo(1);
        });
        clock.advance(seconds(60));
        outliers.ejectedAmong(THREE);
        assertThat(outliers.health())
                .singleElement()
                .extracting(h -> h.ejections())
                .isEqualTo(0);
    }

    @Test
    void neverEjectsMoreThanTheMaximumShareAndReportsTheSkipOnce() {
        List<String> two = List.of("a:1", "b:1");
        outliers.ejectedAmong(two);
        failThreeTimes("a:1");
        failThreeTimes("b:1");
        outliers.recordFailure("b:1");

        assertThat(outliers.ejectedAmong(two)).containsExactly("a:1");
        assertThat(events)
                .containsExactly(
                        new InstanceEjected("payment", "a:1", EjectionReason.CONSECUTIVE_FAILURES, 1, seconds(5)),
                        new EjectionSkipped("payment", "b:1", EjectionReason.CONSECUTIVE_FAILURES));
    }

    @Test
    void neverEjectsTheOnlyInstance() {
        List<String> one = List.of("a:1");
        outliers.ejectedAmong(one);
        failThreeTimes("a:1");
        assertThat(outliers.ejectedAmong(one)).isEmpty();
    }

    @Test
    void ejectionTimeGrowsUpToTheMaximum() {
        assertThat(settings.ejectionTime(1)).isEqualTo(seconds(5));
        assertThat(settings.ejectionTime(3)).isEqualTo(seconds(15));
        assertThat(settings.ejectionTime(100)).isEqualTo(seconds(60));
    }

    @Test
    void forgetsInstancesDiscoveryNoLongerLists() {
        outliers.ejectedAmong(THREE);
        failThreeTimes("a:1");
        assertThat(outliers.ejectedAmong(List.of("b:1", "c:1"))).isEmpty();
        assertThat(outliers.health()).isEmpty();
    }

    private void failThreeTimes(String instance) {
        for (int i = 0; i < 3; i++) {
            outliers.recordFailure(instance);
        }
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** A clock the test moves; the detector reads nothing else. */
    static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
