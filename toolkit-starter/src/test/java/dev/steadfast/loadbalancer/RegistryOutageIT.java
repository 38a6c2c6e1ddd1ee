package dev.steadfast.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.loadbalancer.LoadBalancedClientTestApplication.PingClient;
import dev.steadfast.loadbalancer.actuate.LoadBalancerReadinessIndicator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The instance list of a service registered in a real ZooKeeper follows the registry through its watch, and while
 * ZooKeeper is down the last known list is served without waiting: the Curator client is given a 10 s connection
 * timeout, so a request that waited for ZooKeeper would take at least that long.
 */
@SpringBootTest(
        classes = {LoadBalancedClientTestApplication.class, RegistryOutageIT.Registry.class},
        properties = {
            "steadfast.zookeeper.connection-timeout=10s",
            "steadfast.zookeeper.session-timeout=20s",
            "steadfast.leader.enabled=false",
            "steadfast.loadbalancer.required-services=payment",
            "steadfast.loadbalancer.outlier.enabled=false",
            // Spring Cloud's cache would otherwise read ZooKeeper on the request path every second.
            "spring.cloud.loadbalancer.cache.ttl=1s"
        })
class RegistryOutageIT {

    private static final Duration NO_WAIT_FOR_ZOOKEEPER = Duration.ofSeconds(5);

    @Autowired
    TestingServer zookeeper;

    @Autowired
    Instances instances;

    @Autowired
    ServiceDiscovery<ZookeeperInstance> discovery;

    @Autowired
    CuratorFramework curator;

    @Autowired
    PingClient client;

    @Autowired
    LoadBalancerReadinessIndicator readiness;

    @Test
    void followsTheRegistryThroughItsWatchAndServesTheLastKnownListWhileZooKeeperIsDown() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> readiness.health().getDetails().containsKey("payment"));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        ServiceInstance<ZookeeperInstance> first = register(0);
        ServiceInstance<ZookeeperInstance> second = register(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> readiness.health().getStatus().equals(Status.UP));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            client.ping();
            return instances.requests(0) > 0 && instances.requests(1) > 0;
        });

        discovery.unregisterService(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            instances.resetRequests();
            for (int i = 0; i < 10; i++) {
                client.ping();
            }
            return instances.requests(1) == 0;
        });

        zookeeper.stop();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !curator.getZookeeperClient().isConnected());
            // Longer than Spring Cloud's cache TTL, so that without the watch requests would read ZooKeeper.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(this::answersWithoutWaiting);
            assertThat(instances.requests(0)).isPositive();
            assertThat(first.getPort())
                    .isEqualTo(URI.create(instances.baseUrl(0)).getPort());
        } finally {
            zookeeper.restart();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> curator.getZookeeperClient().isConnected());
    }

    private boolean answersWithoutWaiting() {
        long start = System.nanoTime();
        String answer = client.ping();
        return "pong".equals(answer)
                && Duration.ofNanos(System.nanoTime() - start).compareTo(NO_WAIT_FOR_ZOOKEEPER) < 0;
    }

    private ServiceInstance<ZookeeperInstance> register(int index) throws Exception {
        URI uri = URI.create(instances.baseUrl(index));
        ServiceInstance<ZookeeperInstance> instance = ServiceInstance.<ZookeeperInstance>builder()
                .name("payment")
                .id("payment-" + index)
                .address(uri.getHost())
                .port(uri.getPort())
                .payload(new ZookeeperInstance("payment-" + index, "payment", Map.of()))
                .build();
        discovery.registerService(instance);
        return instance;
    }

    /** ZooKeeper and the instances as beans, so that they stop after the context's Curator client. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Registry {

        @Bean(destroyMethod = "close")
        TestingServer zookeeper() throws Exception {
            return new TestingServer();
        }

        @Bean(destroyMethod = "close")
        Instances instances() {
            return new Instances(2);
        }

        @Bean
        DynamicPropertyRegistrar registryConnectString(TestingServer zookeeper) {
            return registry -> registry.add("spring.cloud.zookeeper.connect-string", zookeeper::getConnectString);
        }
    }
}
