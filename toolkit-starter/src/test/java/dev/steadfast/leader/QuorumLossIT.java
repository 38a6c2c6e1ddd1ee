package dev.steadfast.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class QuorumLossIT {

    private TestingCluster cluster;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void startEnsemble() throws Exception {
        InstanceSpec[] specs = new InstanceSpec[3];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = new InstanceSpec(null, -1, -1, -1, true, i + 1, 250, -1);
        }
        cluster = new TestingCluster(specs);
        cluster.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        cluster.close();
    }

    @Test
    void losingTheQuorumLeavesNoLeaderRatherThanTwo() throws Exception {
        for (int i = 0; i < 2; i++) {
            instances.add(LeaderTestApplication.start(cluster.getConnectString(), "orders-" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> leaders() == 1);
        FencingToken before = instances.stream()
                .map(instance -> instance.getBean(LeaderElection.class).currentToken())
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow();

        List<InstanceSpec> specs = new ArrayList<>(cluster.getInstances());
        cluster.killServer(specs.get(0));
        cluster.killServer(specs.get(1));

        AtomicInteger mostLeadersSeen = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    int leaders = leaders();
                    mostLeadersSeen.accumulateAndGet(leaders, Math::max);
                    return leaders == 0;
                });
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    int leaders = leaders();
                    mostLeadersSeen.accumulateAndGet(leaders, Math::max);
                    return leaders == 0;
                });
        assertThat(mostLeadersSeen).hasValueLessThanOrEqualTo(1);

        cluster.restartServer(specs.get(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> leaders() == 1);
        FencingToken after = instances.stream()
                .map(instance -> instance.getBean(LeaderElection.class).currentToken())
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow();
        assertThat(after.isNewerThan(before)).isTrue();
    }

    private int leaders() {
        return (int) instances.stream()
                .filter(instance -> instance.getBean(LeaderElection.class).isLeader())
                .count();
    }
}
