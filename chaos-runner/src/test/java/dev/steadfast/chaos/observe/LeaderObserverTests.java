package dev.steadfast.chaos.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.process.ManagedProcess;
import dev.steadfast.chaos.process.ServiceInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaderObserverTests {

    private final AtomicLong clock = new AtomicLong();
    private final ServiceInstance first = instance("payment-1");
    private final ServiceInstance second = instance("payment-2");
    private final LeaderObserver observer = new LeaderObserver(List.of(first, second), clock::get);

    @Test
    void recordsWhichParticipantHeldEachToken() {
        observer.record(first, leader("payment-1", 100));
        observer.record(second, follower("payment-2", "payment-1"));
        observer.record(second, leader("payment-2", 200));

        assertThat(observer.tokenOwners())
                .containsEntry("payment-service", Map.of(100L, "payment-1", 200L, "payment-2"));
        assertThat(observer.currentLeader("payment-service"))
                .map(LeaderSample::instanceId)
                .hasValue("payment-2");
    }

    @Test
    void timesAFailoverUntilAnotherParticipantLeads() {
        clock.set(1_000);
        observer.record(first, leader("payment-1", 100));
        observer.failoverStarted("payment-service", "kill-payment-leader", "payment-1", 1_000);
        clock.set(2_000);
        observer.record(second, follower("payment-2", null));
        clock.set(3_500);
        observer.record(second, leader("payment-2", 200));

        assertThat(observer.failovers())
                .containsExactly(
                        new Failover("payment-service", "kill-payment-leader", "payment-1", "payment-2", 1_000, 3_500));
    }

    @Test
    void keepsAFailoverOpenWhileOnlyTheOldLeaderClaimsLeadership() {
        observer.failoverStarted("payment-service", "pause-payment-leader", "payment-1", 0);
        clock.set(500);
        observer.record(first, leader("payment-1", 100));

        assertThat(observer.failovers()).singleElement().satisfies(failover -> assertThat(failover.completed())
                .isFalse());
    }

    private static String leader(String participant, long token) {
        return """
                {"payment-service": {"participantId": "%s", "role": "LEADER", "token": %d, "leaderId": "%s",
                 "participants": ["payment-1", "payment-2"]}}
                """
                .formatted(participant, token, participant);
    }

    private static String follower(String participant, String leader) {
        return """
                {"payment-service": {"participantId": "%s", "role": "FOLLOWER", "token": null, "leaderId": %s,
                 "participants": ["payment-1", "payment-2"]}}
                """
                .formatted(participant, leader == null ? "null" : "\"" + leader + "\"");
    }

    private static ServiceInstance instance(String id) {
        return new ServiceInstance(
                "payment-service",
                id,
                1,
                new ManagedProcess(id, List.of("true"), Map.of(), Path.of("target", id + ".log")));
    }
}
