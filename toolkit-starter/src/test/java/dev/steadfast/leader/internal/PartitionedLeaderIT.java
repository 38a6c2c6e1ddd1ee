package dev.steadfast.leader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.testsupport.zookeeper.PartitionableEnsemble;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A leader whose ZooKeeper server is cut off from the quorum. The server keeps answering its clients' reads until
 * it gives up ({@code syncLimit x tickTime}, 5 s here), while the quorum expires the leader's session after 2 s and
 * elects the other instance: the lease must run out before that.
 */
class PartitionedLeaderIT {

    private static final int SESSION_MILLIS = 2000;

    private PartitionableEnsemble ensemble;
    private final List<CuratorFramework> clients = new ArrayList<>();
    private final List<CuratorLeaderElection> elections = new ArrayList<>();

    @BeforeEach
    void startEnsemble() throws Exception {
        ensemble = PartitionableEnsemble.start(Duration.ofMillis(200), 25);
    }

    @AfterEach
    void stopAll() {
        elections.forEach(CuratorLeaderElection::stop);
        clients.forEach(CuratorFramework::close);
        ensemble.close();
    }

    @Test
    void leaderBehindAPartitionedFollowerStopsActingBeforeTheQuorumElectsAnother() {
        // A sits on a follower: a partitioned leader server would stop serving at the same time as the quorum noticed.
        List<Integer> followers = ensemble.followers();
        int cutOff = followers.get(0);
        int other = followers.get(1);
        CuratorLeaderElection a = election("a", cutOff);
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        CuratorLeaderElection b = election("b", other);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.participants().size() == 2);

        ensemble.isolate(cutOff);

        AtomicInteger bothLeading = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        // Sample until B leads and the cut-off server has stopped serving A: the window in which both could act.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    samples.incrementAndGet();
                    boolean aLeads = a.isLeader();
                    boolean bLeads = b.isLeader();
                    if (aLeads && bLeads) {
                        bothLeading.incrementAndGet();
                    }
                    return bLeads && !ensemble.isServing(cutOff);
                });
        assertThat(samples).hasValueGreaterThan(100);
        assertThat(bothLeading).as("samples in which both instances led").hasValue(0);
        assertThat(a.isLeader()).isFalse();

        ensemble.heal();
        await().atMost(Duration.ofSeconds(30)).until(() -> ensemble.isServing(cutOff));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> b.isLeader() && !a.isLeader());
    }

    private CuratorLeaderElection election(String id, int server) {
        CuratorFramework client = CuratorFrameworkFactory.newClient(
                ensemble.connectString(server), SESSION_MILLIS, 1000, new RetryOneTime(100));
        client.start();
        clients.add(client);
        CuratorLeaderElection election = new CuratorLeaderElection(
                "jobs", id, "/steadfast/leader/jobs", client, null, new EventDispatcher(id, event -> {}));
        election.start();
        elections.add(election);
        return election;
    }
}
