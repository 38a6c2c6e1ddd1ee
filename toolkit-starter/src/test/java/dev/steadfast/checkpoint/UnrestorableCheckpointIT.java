package dev.steadfast.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.checkpoint.SchemaSkewApplication.SettlementJob;
import dev.steadfast.checkpoint.health.CheckpointHealthIndicator;
import dev.steadfast.checkpoint.internal.Envelope;
import dev.steadfast.checkpoint.internal.ZookeeperCheckpointStore;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.internal.CuratorLeaderElection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rolling deploy gone backwards: the newest checkpoint has schema version 3, and an instance whose bean has
 * version 2 is elected first. It must neither roll the state back to an older checkpoint nor keep leadership it
 * cannot use: it reports why, yields, and an instance of version 3 leads and works with the restored state.
 */
class UnrestorableCheckpointIT {

    private TestingServer server;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void startZookeeperWithASnapshotOfVersion3() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        try (CuratorFramework client =
                CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100))) {
            client.start();
            ZookeeperCheckpointStore store =
                    new ZookeeperCheckpointStore(client, "/steadfast/checkpoints", 3, 256 * 1024, null);
            store.commit("ledger", 1, 1, envelope(1, 2, 10));
            store.commit("ledger", 2, 1, envelope(2, 3, 42));
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    @Test
    void leaderThatCannotRestoreReportsWhyAndYieldsToAnInstanceThatCan() {
        ConfigurableApplicationContext old = start("ledger-a", 2);
        CheckpointManager oldManager = old.getBean(CheckpointManager.class);
        // A was elected (it is alone) and tried to restore.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> oldManager.status("ledger").restoreBlocked().isPresent());

        ConfigurableApplicationContext next = start("ledger-b", 3);

        LeaderElection nextElection = next.getBean(LeaderElection.class);
        SettlementJob nextJob = next.getBean(SettlementJob.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nextJob.settle())
                .as("B leads and works with the restored state")
                .isEqualTo(42L));
        assertThat(nextElection.isLeader()).isTrue();
        assertThat(old.getBean(LeaderElection.class).isLeader()).isFalse();
        assertThat(old.getBean(SettlementJob.class).settle()).as("skipped on A").isNull();
        assertThat(old.getBean(SchemaSkewApplication.Ledger.class).total())
                .as("A never fell back to #1")
                .isZero();
        assertReportsWhyItCannotRestore(old);

        // A's sit-out ends and it joins again behind B: it does not take leadership back.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> nextElection.participants().size() == 2);
        assertThat(nextElection.isLeader()).isTrue();
        assertThat(nextJob.settle()).isEqualTo(42L);
        assertReportsWhyItCannotRestore(old);
    }

    @Test
    void instanceThatCanNeverRestoreKeepsReportingWhyAndBacksOffInsteadOfHoldingLeadership() {
        ConfigurableApplicationContext old = start("ledger-a", 2);
        CuratorLeaderElection election = (CuratorLeaderElection) old.getBean(LeaderElection.class);
        CheckpointManager manager = old.getBean(CheckpointManager.class);

        // Two rounds: leads, fails its attempts, yields and sits out; and again after the back-off.
        for (int round = 0; round < 2; round++) {
            await().atMost(Duration.ofSeconds(15)).until(election::isSittingOut);
            assertThat(election.isLeader()).isFalse();
            assertReportsWhyItCannotRestore(old);
            await().atMost(Duration.ofSeconds(15)).until(() -> !election.isSittingOut());
        }
        assertThat(manager.isRestored("ledger-service")).isFalse();
        assertThat(old.getBean(SettlementJob.class).settle()).isNull();
        assertReportsWhyItCannotRestore(old);
    }

    @SuppressWarnings("unchecked")
    private static void assertReportsWhyItCannotRestore(ConfigurableApplicationContext context) {
        Health health = context.getBean(CheckpointHealthIndicator.class).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(((Map<String, Object>) health.getDetails().get("ledger")).get("restoreBlocked"))
                .asString()
                .contains("'ledger' #2")
                .contains("schema version 3")
                .contains("this instance (schema version 2)")
                .contains("Not falling back");
        assertThat(context.getBean(HealthEndpoint.class)
                        .healthForPath("readiness")
                        .getStatus())
                .isEqualTo(Status.DOWN);
    }

    private ConfigurableApplicationContext start(String participant, int schemaVersion) {
        ConfigurableApplicationContext context =
                SchemaSkewApplication.start(server.getConnectString(), participant, schemaVersion);
        instances.add(context);
        return context;
    }

    private static byte[] envelope(long sequence, int schemaVersion, long total) {
        return Envelope.encode(
                "ledger",
                schemaVersion,
                sequence,
                1,
                "ledger-v" + schemaVersion,
                Instant.now(),
                ("{\"total\":" + total + "}").getBytes(StandardCharsets.UTF_8));
    }
}
