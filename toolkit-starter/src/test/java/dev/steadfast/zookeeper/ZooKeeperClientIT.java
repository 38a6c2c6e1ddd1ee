package dev.steadfast.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steadfast.zookeeper.autoconfigure.ZooKeeperAutoConfiguration;
import dev.steadfast.zookeeper.autoconfigure.ZooKeeperHealthAutoConfiguration;
import dev.steadfast.zookeeper.health.ZooKeeperHealthIndicator;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ZooKeeperClientIT {

    private TestingServer server;
    private ApplicationContextRunner runner;

    @BeforeEach
    void startZooKeeper() throws Exception {
        // tickTime 250 ms: the server grants sessions of 0.5 s to 5 s only.
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        runner = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ZooKeeperAutoConfiguration.class, ZooKeeperHealthAutoConfiguration.class))
                .withPropertyValues("steadfast.zookeeper.connect-string=" + server.getConnectString());
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        server.close();
    }

    @Test
    void warnsWhenTheServerGrantsAnotherSessionTimeout(CapturedOutput output) {
        runner.withPropertyValues("steadfast.zookeeper.session-timeout=8s").run(context -> {
            CuratorFramework client = context.getBean(CuratorFramework.class);
            assertThat(client.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output)
                    .contains("negotiated a session timeout of 5000 ms instead of the requested 8000 ms"));
        });
    }

    @Test
    void reportsUpWhileConnectedAndDownWhenTheServerIsGone() {
        runner.run(context -> {
            ZooKeeperHealthIndicator health = context.getBean(ZooKeeperHealthIndicator.class);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health.health(true).getStatus().equals(Status.UP));
            server.stop();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health.health(true).getStatus().equals(Status.DOWN));
        });
    }

    @Test
    void digestAuthenticationKeepsOtherClientsFromWritingItsNodes() {
        runner.withPropertyValues("steadfast.zookeeper.auth.username=app", "steadfast.zookeeper.auth.password=secret")
                .run(context -> {
                    CuratorFramework client = context.getBean(CuratorFramework.class);
                    client.create().creatingParentsIfNeeded().forPath("/guarded/node", new byte[] {1});
                    try (CuratorFramework stranger = CuratorFrameworkFactory.newClient(
                            server.getConnectString(), 3000, 1000, new RetryOneTime(10))) {
                        stranger.start();
                        assertThatThrownBy(() -> stranger.setData().forPath("/guarded/node", new byte[] {2}))
                                .isInstanceOf(KeeperException.NoAuthException.class);
                        assertThatThrownBy(() -> stranger.getData().forPath("/guarded/node"))
                                .isInstanceOf(KeeperException.NoAuthException.class);
                    }
                    assertThat(client.getData().forPath("/guarded/node")).containsExactly(1);
                });
    }
}
