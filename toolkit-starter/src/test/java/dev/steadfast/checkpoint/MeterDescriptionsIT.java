package dev.steadfast.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.leader.LeaderElection;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every Steadfast meter family in the Prometheus exposition of a context with every feature on (ZooKeeper, leader
 * election, checkpoints with their metrics, resilience) carries a {@code # HELP} text.
 */
class MeterDescriptionsIT {

    private static final Pattern HELP = Pattern.compile("^# HELP (steadfast_\\S+)(?: (.*))?$", Pattern.MULTILINE);

    private static final Pattern SAMPLE = Pattern.compile("^(steadfast_[a-zA-Z0-9_:]+)", Pattern.MULTILINE);

    @TempDir
    Path blobs;

    private TestingServer server;

    private ConfigurableApplicationContext context;

    @BeforeEach
    void startZookeeper() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    @Test
    void everySteadfastMeterHasAHelpText() {
        context = CheckpointTestApplication.start(server.getConnectString(), "metrics-a", blobs);
        LeaderElection election = context.getBean(LeaderElection.class);
        CheckpointManager checkpoints = context.getBean(CheckpointManager.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> election.isLeader() && checkpoints.isRestored("ledger-service"));
        // Save once, so that the meters registered on first use (the save timer) exist too.
        checkpoints.save("ledger");

        String exposition = context.getBean(PrometheusMeterRegistry.class).scrape();

        Map<String, String> help = new LinkedHashMap<>();
        Matcher helpLine = HELP.matcher(exposition);
        while (helpLine.find()) {
            help.put(
                    helpLine.group(1),
                    (helpLine.group(2) != null) ? helpLine.group(2).strip() : "");
        }
        Set<String> families = new TreeSet<>();
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            families.add(sample.group(1));
        }
        assertThat(families)
                .as("Steadfast meters in the exposition")
                .contains(
                        "steadfast_leader_is_leader",
                        "steadfast_leader_token",
                        "steadfast_leader_transitions_total",
                        "steadfast_leader_only_skipped_total",
                        "steadfast_checkpoint_failures_total",
                        "steadfast_checkpoint_quarantined_total",
                        "steadfast_checkpoint_size_bytes",
                        "steadfast_checkpoint_age_seconds",
                        "steadfast_checkpoint_save_seconds_count",
                        "steadfast_checkpoint_restore_seconds_count");
        assertThat(help).as("families with a HELP line").isNotEmpty();
        assertThat(help.entrySet())
                .as("HELP texts of the Steadfast meters")
                .allSatisfy(
                        entry -> assertThat(entry.getValue()).as(entry.getKey()).isNotBlank());
        assertThat(families).as("every sample belongs to a family with HELP").allSatisfy(family -> assertThat(
                        help.keySet().stream().anyMatch(family::startsWith))
                .as(family)
                .isTrue());
    }
}
