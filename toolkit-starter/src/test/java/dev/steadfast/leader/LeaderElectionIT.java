package dev.steadfast.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steadfast.leader.LeaderTestApplication.EventRecorder;
import dev.steadfast.leader.LeaderTestApplication.SingletonJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class LeaderElectionIT {

    private TestingServer server;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        // tickTime 250 ms lets sessions be as short as 0.5 s and as long as 5 s.
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    @Test
    void electsExactlyOneLeaderAmongThreeInstances() {
        startInstances(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders().size() == 1);
        LeaderElection leader = leaders().get(0);
        assertThat(leader.currentToken()).isPresent();
        for (ConfigurableApplicationContext instance : instances) {
            LeaderElection election = election(instance);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(election.leaderId()).contains(leader.participantId()));
            assertThat(election.participants()).hasSize(3).first().isEqualTo(leader.participantId());
        }
    }

    @Test
    void killingTheLeadersSessionHandsOverWithALargerTokenAndRefusesTheOldOne() throws Exception {
        startInstances(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders().size() == 1);
        ConfigurableApplicationContext oldInstance = leaderInstance();
        LeaderElection old = election(oldInstance);
        FencingToken oldToken = old.currentToken().orElseThrow();

        KillSession.kill(
                oldInstance.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> leaders().size() == 1
                        && leaders().get(0).currentToken().orElseThrow().isNewerThan(oldToken));
        assertThatThrownBy(() -> old.assertLeader(oldToken)).isInstanceOf(NotLeaderException.class);
        LeaderElection current = leaders().get(0);
        current.assertLeader(current.currentToken().orElseThrow());
        assertThat(oldInstance.getBean(EventRecorder.class).revocations()).isNotEmpty();
    }

    @Test
    void suspendedConnectionMakesTheLeaderStepDownBeforeTheSessionExpires() throws Exception {
        startInstances(1, "steadfast.zookeeper.session-timeout=5s");
        LeaderElection election = election(instances.get(0));
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        FencingToken before = election.currentToken().orElseThrow();
        EventRecorder recorder = instances.get(0).getBean(EventRecorder.class);

        long stoppedAt = System.nanoTime();
        server.stop();

        await().atMost(Duration.ofSeconds(4)).until(() -> !election.isLeader());
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(recorder.revocations())
                .extracting(LeadershipRevoked::reason)
                .containsExactly(RevocationReason.CONNECTION_SUSPENDED));
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(5));

        server.restart();
        await().atMost(Duration.ofSeconds(15)).until(election::isLeader);
        assertThat(election.currentToken().orElseThrow().isNewerThan(before)).isTrue();
    }

    @Test
    void closingTheLeaderHandsOverWellBeforeTheSessionTimeout() {
        startInstances(2, "steadfast.zookeeper.session-timeout=5s", "steadfast.zookeeper.connection-timeout=2s");
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders().size() == 1);
        ConfigurableApplicationContext leader = leaderInstance();
        instances.remove(leader);
        EventRecorder recorder = leader.getBean(EventRecorder.class);

        long closedAt = System.nanoTime();
        leader.close();
        await().atMost(Duration.ofSeconds(4)).until(() -> leaders().size() == 1);

        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(4));
        assertThat(recorder.revocations())
                .extracting(LeadershipRevoked::reason)
                .containsExactly(RevocationReason.SHUTDOWN);
    }

    @Test
    void leaderOnlyMethodRunsOnTheLeaderOnly() {
        startInstances(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders().size() == 1);
        List<Integer> results = new ArrayList<>();
        for (ConfigurableApplicationContext instance : instances) {
            results.add(instance.getBean(SingletonJob.class).run());
        }
        assertThat(results).containsExactlyInAnyOrder(1, null, null);
        assertThat(instances.stream()
                        .mapToInt(i -> i.getBean(SingletonJob.class).runs())
                        .sum())
                .isEqualTo(1);
        assertThat(leaderInstance().getBean(SingletonJob.class).runs()).isEqualTo(1);
        assertThat(instances.stream()
                        .mapToDouble(i -> i.getBean(MeterRegistry.class)
                                .get("steadfast.leader.only.skipped")
                                .functionCounter()
                                .count())
                        .sum())
                .isEqualTo(2.0);
    }

    @Test
    void yieldingHandsLeadershipToAnotherInstanceWithALargerToken() {
        startInstances(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders().size() == 1);
        LeaderElection old = leaders().get(0);
        FencingToken oldToken = old.currentToken().orElseThrow();

        old.yieldLeadership();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> leaders().size() == 1 && leaders().get(0) != old);
        assertThat(leaders().get(0).currentToken().orElseThrow().isNewerThan(oldToken))
                .isTrue();
    }

    @Test
    void stoppingAndStartingTheContextLeavesAndRejoinsWithALargerToken() {
        startInstances(1);
        ConfigurableApplicationContext instance = instances.get(0);
        LeaderElection election = election(instance);
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        FencingToken before = election.currentToken().orElseThrow();

        instance.stop();
        assertThat(election.isLeader()).isFalse();
        instance.start();

        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        assertThat(election.currentToken().orElseThrow().isNewerThan(before)).isTrue();
    }

    private void startInstances(int count, String... properties) {
        for (int i = 0; i < count; i++) {
            instances.add(LeaderTestApplication.start(server.getConnectString(), "orders-" + i, properties));
        }
    }

    private List<LeaderElection> leaders() {
        return instances.stream()
                .map(LeaderElectionIT::election)
                .filter(LeaderElection::isLeader)
                .toList();
    }

    private ConfigurableApplicationContext leaderInstance() {
        return instances.stream()
                .filter(instance -> election(instance).isLeader())
                .findFirst()
                .orElseThrow();
    }

    private static LeaderElection election(ConfigurableApplicationContext instance) {
        return instance.getBean(LeaderElection.class);
    }
}
