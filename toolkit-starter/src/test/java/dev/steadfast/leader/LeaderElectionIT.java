package dev.steadfast.leader;

import static dev.steadfast.leader.ElectionInstances.election;
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
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class LeaderElectionIT {

    private ElectionInstances cluster;

    @BeforeEach
    void startZooKeeper() throws Exception {
        cluster = new ElectionInstances();
    }

    @AfterEach
    void stopAll() throws Exception {
        cluster.close();
    }

    @Test
    void electsExactlyOneLeaderAmongThreeInstances() {
        cluster.start(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        LeaderElection leader = cluster.leaders().get(0);
        assertThat(leader.currentToken()).isPresent();
        for (ConfigurableApplicationContext instance : cluster.instances()) {
            LeaderElection election = election(instance);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(election.leaderId()).contains(leader.participantId()));
            assertThat(election.participants()).hasSize(3).first().isEqualTo(leader.participantId());
        }
    }

    @Test
    void killingTheLeadersSessionHandsOverWithALargerTokenAndRefusesTheOldOne() throws Exception {
        cluster.start(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        ConfigurableApplicationContext oldInstance = cluster.leader();
        LeaderElection old = election(oldInstance);
        FencingToken oldToken = old.currentToken().orElseThrow();

        KillSession.kill(
                oldInstance.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.leaders().size() == 1
                        && cluster.leaders().get(0).currentToken().orElseThrow().isNewerThan(oldToken));
        assertThatThrownBy(() -> old.assertLeader(oldToken)).isInstanceOf(NotLeaderException.class);
        LeaderElection current = cluster.leaders().get(0);
        current.assertLeader(current.currentToken().orElseThrow());
        // The old instance learns of its expired session on its own event thread, independently of the new
        // leader's grant, so its revocation may arrive after the hand-over; it must arrive.
        EventRecorder oldEvents = oldInstance.getBean(EventRecorder.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(oldEvents.revocations()).isNotEmpty());
    }

    @Test
    void suspendedConnectionMakesTheLeaderStepDownBeforeTheSessionExpires() throws Exception {
        cluster.start(1, "steadfast.zookeeper.session-timeout=5s");
        LeaderElection election = election(cluster.instances().get(0));
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        FencingToken before = election.currentToken().orElseThrow();
        EventRecorder recorder = cluster.instances().get(0).getBean(EventRecorder.class);

        long stoppedAt = System.nanoTime();
        cluster.server().stop();

        await().atMost(Duration.ofSeconds(4)).until(() -> !election.isLeader());
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(recorder.revocations())
                .extracting(LeadershipRevoked::reason)
                .containsExactly(RevocationReason.CONNECTION_SUSPENDED));
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(5));

        cluster.server().restart();
        await().atMost(Duration.ofSeconds(15)).until(election::isLeader);
        assertThat(election.currentToken().orElseThrow().isNewerThan(before)).isTrue();
    }

    @Test
    void closingTheLeaderHandsOverWellBeforeTheSessionTimeout() {
        cluster.start(2, "steadfast.zookeeper.session-timeout=5s", "steadfast.zookeeper.connection-timeout=2s");
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        ConfigurableApplicationContext leader = cluster.leader();
        cluster.instances().remove(leader);
        EventRecorder recorder = leader.getBean(EventRecorder.class);

        long closedAt = System.nanoTime();
        leader.close();
        await().atMost(Duration.ofSeconds(4)).until(() -> cluster.leaders().size() == 1);

        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(4));
        assertThat(recorder.revocations())
                .extracting(LeadershipRevoked::reason)
                .containsExactly(RevocationReason.SHUTDOWN);
    }

    @Test
    void leaderOnlyMethodRunsOnTheLeaderOnly() {
        cluster.start(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        List<Integer> results = new ArrayList<>();
        for (ConfigurableApplicationContext instance : cluster.instances()) {
            results.add(instance.getBean(SingletonJob.class).run());
        }
        assertThat(results).containsExactlyInAnyOrder(1, null, null);
        assertThat(cluster.instances().stream()
                        .mapToInt(i -> i.getBean(SingletonJob.class).runs())
                        .sum())
                .isEqualTo(1);
        assertThat(cluster.leader().getBean(SingletonJob.class).runs()).isEqualTo(1);
        assertThat(cluster.instances().stream()
                        .mapToDouble(i -> i.getBean(MeterRegistry.class)
                                .get("steadfast.leader.only.skipped")
                                .functionCounter()
                                .count())
                        .sum())
                .isEqualTo(2.0);
    }

    @Test
    void yieldingHandsLeadershipToAnotherInstanceWithALargerToken() {
        cluster.start(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        LeaderElection old = cluster.leaders().get(0);
        FencingToken oldToken = old.currentToken().orElseThrow();

        old.yieldLeadership();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.leaders().size() == 1 && cluster.leaders().get(0) != old);
        assertThat(cluster.leaders().get(0).currentToken().orElseThrow().isNewerThan(oldToken))
                .isTrue();
    }

    @Test
    void stoppingAndStartingTheContextLeavesAndRejoinsWithALargerToken() {
        cluster.start(1);
        ConfigurableApplicationContext instance = cluster.instances().get(0);
        LeaderElection election = election(instance);
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        FencingToken before = election.currentToken().orElseThrow();

        instance.stop();
        assertThat(election.isLeader()).isFalse();
        instance.start();

        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        assertThat(election.currentToken().orElseThrow().isNewerThan(before)).isTrue();
    }
}
