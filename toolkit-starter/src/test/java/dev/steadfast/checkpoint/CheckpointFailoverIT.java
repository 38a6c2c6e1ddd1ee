package dev.steadfast.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.steadfast.checkpoint.CheckpointTestApplication.Ledger;
import dev.steadfast.checkpoint.CheckpointTestApplication.SettlementJob;
import dev.steadfast.checkpoint.internal.Envelope;
import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.NotLeaderException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances of an application against a real ZooKeeper, with the zookeeper checkpoint store. */
class CheckpointFailoverIT {

    @TempDir
    Path blobs;

    private TestingServer server;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void startZookeeper() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    @Test
    void refusesTheExLeadersLowerTokenAfterFailoverEvenBeforeTheNewLeaderSaves() throws Exception {
        ConfigurableApplicationContext first = start("ledger-a");
        awaitWriter(first);
        first.getBean(Ledger.class).add("p-1", 100);
        CheckpointMetadata saved = manager(first).save("ledger");
        FencingToken oldToken = election(first).currentToken().orElseThrow();
        ConfigurableApplicationContext second = start("ledger-b");

        KillSession.kill(
                first.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> manager(second).isRestored("ledger-service")
                        && election(second).currentToken().orElseThrow().isNewerThan(oldToken));
        assertThat(second.getBean(Ledger.class).total()).isEqualTo(100);
        // The ex-leader, paused through the failover, still believes in its term and writes with its old token.
        byte[] late = Envelope.encode(
                "ledger",
                1,
                saved.sequence() + 1,
                oldToken.value(),
                "ledger-a",
                Instant.now(),
                "{\"total\":999,\"entries\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThatExceptionOfType(CheckpointFencedException.class).isThrownBy(() -> first.getBean(CheckpointStore.class)
                .commit("ledger", saved.sequence() + 1, oldToken.value(), late));
        assertThatExceptionOfType(NotLeaderException.class)
                .isThrownBy(() -> manager(first).save("ledger"));
        assertThat(manager(second).save("ledger").token())
                .isEqualTo(election(second).currentToken().orElseThrow().value());
        assertThat(manager(second).readLatest("ledger", Ledger.State.class))
                .hasValueSatisfying(state -> assertThat(state.total()).isEqualTo(100));
    }

    @Test
    void restoresOnTheNewLeaderBeforeAnyLeaderOnlyWorkRuns() throws Exception {
        ConfigurableApplicationContext first = start("ledger-a");
        awaitWriter(first);
        first.getBean(Ledger.class).add("p-1", 250);
        manager(first).save("ledger");
        ConfigurableApplicationContext second = start("ledger-b");
        CountDownLatch gate = new CountDownLatch(1);
        second.getBean(Ledger.class).restoreGate = gate;
        SettlementJob job = second.getBean(SettlementJob.class);

        KillSession.kill(
                first.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper());
        await().atMost(Duration.ofSeconds(10)).until(() -> election(second).isLeader());
        CompletableFuture<Long> settled = CompletableFuture.supplyAsync(job::settle);

        try {
            // Leadership is visible but the restore is held at the gate: the job must wait rather than run on 0.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !settled.isDone());
            assertThat(job.seenTotals()).isEmpty();
        } finally {
            gate.countDown();
        }

        assertThat(settled.get(10, TimeUnit.SECONDS)).isEqualTo(250);
        assertThat(job.seenTotals()).containsExactly(250L);
    }

    @Test
    void gracefulShutdownWritesAFinalCheckpointThatTheNextLeaderRestores() {
        ConfigurableApplicationContext first = start("ledger-a");
        awaitWriter(first);
        ConfigurableApplicationContext second = start("ledger-b");
        first.getBean(Ledger.class).add("p-1", 70);
        first.getBean(Ledger.class).add("p-2", 5);

        instances.remove(first);
        first.close();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> manager(second).isRestored("ledger-service")
                        && election(second).isLeader());
        assertThat(second.getBean(Ledger.class).snapshot().entries()).containsExactly("p-1", "p-2");
        assertThat(second.getBean(Ledger.class).total()).isEqualTo(75);
    }

    @Test
    void savesPeriodicallyOnlyOnTheLeader() {
        ConfigurableApplicationContext first = start("ledger-a", "steadfast.checkpoint.interval=100ms");
        awaitWriter(first);
        ConfigurableApplicationContext second = start("ledger-b", "steadfast.checkpoint.interval=100ms");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> manager(first)
                                .status("ledger")
                                .last()
                                .map(CheckpointMetadata::sequence)
                                .orElse(0L)
                        >= 3);
        assertThat(manager(first).status("ledger").writer()).isTrue();
        assertThat(manager(second).status("ledger").writer()).isFalse();
        assertThat(manager(second).status("ledger").last()).isEmpty();
        assertThat(manager(first).list("ledger"))
                .extracting(CheckpointMetadata::writerId)
                .containsOnly("ledger-a");
    }

    private ConfigurableApplicationContext start(String participant, String... properties) {
        ConfigurableApplicationContext context =
                CheckpointTestApplication.start(server.getConnectString(), participant, blobs, properties);
        instances.add(context);
        return context;
    }

    /** Leadership alone is not enough to write: the restore for the term must have finished. */
    private static void awaitWriter(ConfigurableApplicationContext context) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> election(context).isLeader() && manager(context).isRestored("ledger-service"));
    }

    private static LeaderElection election(ConfigurableApplicationContext context) {
        return context.getBean(LeaderElection.class);
    }

    private static CheckpointManager manager(ConfigurableApplicationContext context) {
        return context.getBean(CheckpointManager.class);
    }
}
