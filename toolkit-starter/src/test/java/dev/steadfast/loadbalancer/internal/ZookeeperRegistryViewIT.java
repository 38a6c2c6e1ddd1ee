package dev.steadfast.loadbalancer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;

/** The watch-driven view against a real ZooKeeper server, across a stop and a start of the view. */
class ZookeeperRegistryViewIT {

    private TestingServer server;

    private CuratorFramework curator;

    private ServiceDiscovery<ZookeeperInstance> discovery;

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer();
        curator = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        curator.start();
        discovery = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
                .client(curator)
                .basePath("/services")
                .serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
                .build();
        discovery.start();
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        discovery.close();
        curator.close();
        server.close();
    }

    @Test
    void watchesAgainAfterTheViewIsStoppedAndStarted() throws Exception {
        ZookeeperRegistryView view = new ZookeeperRegistryView(discovery, List.of("payment"), Duration.ofMillis(100));
        register("payment-1", 8081);
        view.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ports(view).equals(List.of(8081)));

        view.stop();
        assertThat(view.isRunning()).isFalse();
        view.start();
        assertThat(view.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ports(view).equals(List.of(8081)));

        register("payment-2", 8082);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ports(view).stream().sorted().toList().equals(List.of(8081, 8082)));
        view.stop();
    }

    private void register(String id, int port) throws Exception {
        discovery.registerService(ServiceInstance.<ZookeeperInstance>builder()
                .name("payment")
                .id(id)
                .address("127.0.0.1")
                .port(port)
                .payload(new ZookeeperInstance(id, "payment", Map.of()))
                .build());
    }

    private static List<Integer> ports(ZookeeperRegistryView view) {
        List<org.springframework.cloud.client.ServiceInstance> instances = view.instances("payment");
        return instances == null
                ? List.of()
                : instances.stream()
                        .map(org.springframework.cloud.client.ServiceInstance::getPort)
                        .toList();
    }
}
