package dev.steadfast.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.loadbalancer.actuate.LoadBalancerReadinessIndicator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A required service counts as ready only once an instance of it has been reached, and the work its first call would
 * otherwise do lazily (building the service's load-balancer context) is done by then. An instance that is listed in
 * ZooKeeper but refuses connections (a stale registration, a port not yet open) does not make the application ready.
 */
@SpringBootTest(
        classes = {LoadBalancedClientTestApplication.class, ReadyMeansReachableIT.Registry.class},
        properties = {
            "steadfast.leader.enabled=false",
            "steadfast.loadbalancer.required-services=payment",
            "steadfast.loadbalancer.discovery.retry-interval=200ms"
        })
class ReadyMeansReachableIT {

    @Autowired
    Instances instances;

    @Autowired
    ServiceDiscovery<ZookeeperInstance> discovery;

    @Autowired
    LoadBalancerReadinessIndicator readiness;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @Test
    void isNotReadyUntilAnInstanceOfTheRequiredServiceHasBeenReachedAndItsLoadBalancerBuilt() throws Exception {
        register("refusing", "127.0.0.1", closedPort());
        await().atMost(Duration.ofSeconds(30)).until(() -> listed() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> readiness.health().getStatus().equals(Status.OUT_OF_SERVICE));

        URI reachable = URI.create(instances.baseUrl(0));
        register("reachable", reachable.getHost(), reachable.getPort());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> readiness.health().getStatus().equals(Status.UP));

        assertThat(((Map<?, ?>) readiness.health().getDetails().get("payment")).get("reached"))
                .isEqualTo(instances.key(0));
        // Built before the first call, so that call does not pay for it.
        assertThat(loadBalancers.getContextNames()).contains("payment");
        assertThat(instances.requests(0)).isZero();
    }

    private int listed() {
        Object details = readiness.health().getDetails().get("payment");
        return details instanceof Map<?, ?> map && map.get("listed") instanceof Integer count ? count : 0;
    }

    private void register(String id, String host, int port) throws Exception {
        discovery.registerService(ServiceInstance.<ZookeeperInstance>builder()
                .name("payment")
                .id(id)
                .address(host)
                .port(port)
                .payload(new ZookeeperInstance(id, "payment", Map.of()))
                .build());
    }

    /** A loopback port nothing listens on any more. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
            return new Instances(1);
        }

        @Bean
        DynamicPropertyRegistrar registryConnectString(TestingServer zookeeper) {
            return registry -> registry.add("spring.cloud.zookeeper.connect-string", zookeeper::getConnectString);
        }
    }
}
