package dev.steadfast.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.checkpoint.health.CheckpointHealthIndicator;
import dev.steadfast.leader.LeaderElection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A ZooKeeper that lost its data restarts its zxids low, so every new fencing token is below the fences the
 * checkpoint store (outside ZooKeeper) kept: the leader says so loudly instead of never writing again in silence.
 */
class WipedZookeeperIT {

    @TempDir
    Path blobs;

    @TempDir
    Path checkpoints;

    @Test
    void leaderWhoseTokenIsBelowTheStoredFenceReportsDownWithTheRecoveryStep() throws Exception {
        try (TestingServer before = server()) {
            advanceZxids(before, 200);
            try (ConfigurableApplicationContext first = start(before, "ledger-a")) {
                awaitRestored(first);
                first.getBean(CheckpointManager.class).save("ledger");
            }
        }
        // A new, empty ensemble: the wiped data directory.
        try (TestingServer wiped = server();
                ConfigurableApplicationContext second = start(wiped, "ledger-b")) {
            LeaderElection election = second.getBean(LeaderElection.class);
            await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
            CheckpointManager manager = second.getBean(CheckpointManager.class);
            CheckpointHealthIndicator health = second.getBean(CheckpointHealthIndicator.class);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> manager.status("ledger").fencedOut().isPresent());

            assertThat(manager.isRestored("ledger-service")).isFalse();
            Health reported = health.health(true);
            assertThat(reported.getStatus()).isEqualTo(Status.DOWN);
            assertThat(((Map<String, Object>) reported.getDetails().get("ledger")).get("fencedOut"))
                    .asString()
                    .contains("lower than the fence")
                    .contains("Recovering from a wiped ZooKeeper");
        }
    }

    private static TestingServer server() throws Exception {
        return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
    }

    private static void advanceZxids(TestingServer server, int writes) throws Exception {
        try (CuratorFramework client =
                CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100))) {
            client.start();
            client.create().forPath("/zxids");
            for (int i = 0; i < writes; i++) {
                client.setData().forPath("/zxids", new byte[] {(byte) i});
            }
        }
    }

    private ConfigurableApplicationContext start(TestingServer server, String participant) {
        return CheckpointTestApplication.start(
                server.getConnectString(),
                participant,
                blobs,
                "steadfast.checkpoint.store=filesystem",
                "steadfast.checkpoint.filesystem.directory=" + checkpoints,
                "steadfast.checkpoint.interval=1s");
    }

    private static void awaitRestored(ConfigurableApplicationContext context) {
        LeaderElection election = context.getBean(LeaderElection.class);
        CheckpointManager manager = context.getBean(CheckpointManager.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> election.isLeader() && manager.isRestored("ledger-service"));
    }
}
