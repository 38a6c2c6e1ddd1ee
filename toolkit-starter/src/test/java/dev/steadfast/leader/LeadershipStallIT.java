package dev.steadfast.leader;

import static dev.steadfast.leader.ElectionInstances.election;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Elections that must not stall: after leaders lose their sessions in quick succession (as when a chaos run kills
 * them one after the other), and when a follower's latch misses the deletion of the node before its own.
 */
class LeadershipStallIT {

    private static final Duration SESSION = Duration.ofSeconds(4);

    private static final String[] SHORT_SESSIONS = {
        "steadfast.zookeeper.session-timeout=" + SESSION.toSeconds() + "s", "steadfast.zookeeper.connection-timeout=2s"
    };

    private static final String LATCH_PATH = "/steadfast/leader/orders";

    private ElectionInstances cluster;

    @BeforeEach
    void startZooKeeper() throws Exception {
        cluster = new ElectionInstances();
    }

    @AfterEach
    void stopAll() throws Exception {
        cluster.close();
    }

    // The stall depends on how Curator's events interleave; a few rounds make it show reliably without the fix.
    @RepeatedTest(3)
    void electsALeaderAgainAfterTwoLeadersLoseTheirSessionsInQuickSuccession() throws Exception {
        cluster.start(2, SHORT_SESSIONS);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        ConfigurableApplicationContext first = cluster.leader();

        expireSession(first);
        await().atMost(SESSION.multipliedBy(3)).until(() -> cluster.leaders().size() == 1 && cluster.leader() != first);
        expireSession(cluster.leader());

        await().atMost(SESSION.multipliedBy(2)).until(() -> cluster.leaders().size() == 1);
        // Until the server has expired the old sessions their nodes remain: still exactly one leader after that.
        await().during(SESSION)
                .atMost(SESSION.multipliedBy(2))
                .until(() -> cluster.leaders().size() == 1);
    }

    @Test
    void followerWhoseLatchMissedTheLeadersDepartureRejoinsAndLeads() throws Exception {
        cluster.start(2, SHORT_SESSIONS);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        ConfigurableApplicationContext leader = cluster.leader();
        ConfigurableApplicationContext follower = cluster.other(leader);
        CuratorFramework followerClient = follower.getBean(CuratorFramework.class);
        String leaderNode = followerClient.getChildren().forPath(LATCH_PATH).stream()
                .min(Comparator.comparing(node -> node.substring(node.lastIndexOf('-') + 1)))
                .orElseThrow();
        // The follower's latch watches the leader's node; without that watch it is never told the node is gone.
        await().atMost(Duration.ofSeconds(5))
                .ignoreExceptions()
                .until(() -> followerClient.watchers().removeAll().forPath(LATCH_PATH + "/" + leaderNode) == null);

        cluster.instances().remove(leader);
        leader.close();

        await().atMost(SESSION.multipliedBy(2)).until(() -> election(follower).isLeader());
        assertThat(followerClient.getChildren().forPath(LATCH_PATH)).hasSize(1);
    }

    @Test
    void leaderWhoseNodeIsGoneStepsDownRejoinsAndExactlyOneLeads() throws Exception {
        cluster.start(2, SHORT_SESSIONS);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        ConfigurableApplicationContext leader = cluster.leader();
        ConfigurableApplicationContext follower = cluster.other(leader);
        CuratorFramework leaderClient = leader.getBean(CuratorFramework.class);
        String leaderNode = leaderClient.getChildren().forPath(LATCH_PATH).stream()
                .min(Comparator.comparing(node -> node.substring(node.lastIndexOf('-') + 1)))
                .orElseThrow();

        // The leader's latch does not watch its own node: only the lease ping sees that another node comes first.
        leaderClient.delete().forPath(LATCH_PATH + "/" + leaderNode);

        await().atMost(SESSION.multipliedBy(2))
                .until(() -> election(follower).isLeader() && !election(leader).isLeader());
        // The step-down rejoined the election: the old leader is a follower again, and nobody else leads.
        await().atMost(SESSION)
                .until(() -> leaderClient.getChildren().forPath(LATCH_PATH).size() == 2);
        await().during(SESSION.dividedBy(2))
                .atMost(SESSION)
                .until(() -> cluster.leaders().size() == 1 && election(follower).isLeader());
    }

    @Test
    void participantsWhoseSessionsExpiredWhileZooKeeperWasDownRejoinAndFailOver() throws Exception {
        cluster.start(2, SHORT_SESSIONS);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leaders().size() == 1);
        Set<CuratorFramework> lost = ConcurrentHashMap.newKeySet();
        for (ConfigurableApplicationContext instance : cluster.instances()) {
            CuratorFramework client = instance.getBean(CuratorFramework.class);
            client.getConnectionStateListenable().addListener((c, state) -> {
                if (state == ConnectionState.LOST) {
                    lost.add(c);
                }
            });
        }

        cluster.server().stop();
        await().atMost(SESSION.multipliedBy(4)).until(() -> lost.size() == 2);
        cluster.server().restart();

        // Their latch nodes died with their sessions: both must join again, and one lead.
        await().atMost(SESSION.multipliedBy(4)).until(() -> cluster.leaders().size() == 1);
        ConfigurableApplicationContext leader = cluster.leader();
        ConfigurableApplicationContext standby = cluster.other(leader);
        cluster.instances().remove(leader);
        leader.close();
        await().atMost(SESSION).until(() -> election(standby).isLeader());
    }

    private void expireSession(ConfigurableApplicationContext instance) throws Exception {
        KillSession.kill(
                instance.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper());
    }
}
