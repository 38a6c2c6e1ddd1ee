package dev.steadfast.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.checkpoint.CheckpointTestApplication.Ledger;
import dev.steadfast.leader.LeaderElection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The last checkpoint of a term is written while the term's instance still leads, then leadership is released. */
class FinalCheckpointIT {

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
    void yieldWritesTheFinalCheckpointBeforeAnotherInstanceCanLead() {
        ConfigurableApplicationContext first = startWriter("ledger-a");
        ConfigurableApplicationContext second = start("ledger-b");
        List<String> leaderAtFinalSave = recordLeaderAtSave(first);
        first.getBean(Ledger.class).add("p-1", 40);

        election(first).yieldLeadership();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> election(second).isLeader()
                        && second.getBean(CheckpointManager.class).isRestored("ledger-service"));
        assertThat(leaderAtFinalSave).containsExactly("ledger-a");
        assertThat(second.getBean(Ledger.class).snapshot().entries()).containsExactly("p-1");
    }

    @Test
    void shutdownWritesTheFinalCheckpointBeforeTheElectionReleasesLeadership() {
        ConfigurableApplicationContext first = startWriter("ledger-a");
        ConfigurableApplicationContext second = start("ledger-b");
        List<String> leaderAtFinalSave = recordLeaderAtSave(first);
        first.getBean(Ledger.class).add("p-1", 40);

        instances.remove(first);
        first.close();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> election(second).isLeader()
                        && second.getBean(CheckpointManager.class).isRestored("ledger-service"));
        // Had the election stopped first, the manager would have found no term to write the final checkpoint in.
        assertThat(leaderAtFinalSave).containsExactly("ledger-a");
        assertThat(second.getBean(Ledger.class).snapshot().entries()).containsExactly("p-1");
    }

    /** Who leads the election in ZooKeeper at each save or failed save of the instance's checkpoint. */
    private static List<String> recordLeaderAtSave(ConfigurableApplicationContext context) {
        List<String> leaders = new CopyOnWriteArrayList<>();
        LeaderElection election = election(context);
        context.getBean(CheckpointManager.class).addListener(new CheckpointListener() {
            @Override
            public void saved(CheckpointMetadata checkpoint, Duration took) {
                leaders.add(election.leaderId().orElse("nobody"));
            }

            @Override
            public void failed(String name, CheckpointException failure, boolean fenced) {
                leaders.add("failed: " + failure.getMessage());
            }
        });
        return leaders;
    }

    private ConfigurableApplicationContext startWriter(String participant) {
        ConfigurableApplicationContext context = start(participant);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> election(context).isLeader()
                        && context.getBean(CheckpointManager.class).isRestored("ledger-service"));
        return context;
    }

    private ConfigurableApplicationContext start(String participant) {
        ConfigurableApplicationContext context =
                CheckpointTestApplication.start(server.getConnectString(), participant, blobs);
        instances.add(context);
        return context;
    }

    private static LeaderElection election(ConfigurableApplicationContext context) {
        return context.getBean(LeaderElection.class);
    }
}
