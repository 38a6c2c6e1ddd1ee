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
    void followsTheLeaderWithTheHighestTokenAsTheTargetOfLeaderFaults() {
        observer.record(first, leader("payment-1", 100));
        observer.record(second, follower("payment-2", "payment-1"));
        observer.record(second, leader("payment-2", 200));

        assertThat(observer.currentLeader("payment-service"))
                .map(LeaderSample::instanceId)
                .hasValue("payment-2");
        assertThat(observer.samples()).hasSize(3);
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
