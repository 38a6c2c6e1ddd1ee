package dev.steadfast.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real web application registering in a real ZooKeeper, whose warm-up blocks until the test lets it go: it is not
 * in ZooKeeper while it refuses traffic (web server started, warm-up running), it is once it accepts traffic, and it
 * leaves and re-enters ZooKeeper with its readiness.
 */
class RegisterWhenReadyIT {

    private static final String SERVICE_PATH = "/services/gated";

    private static TestingServer zookeeper;

    private static CuratorFramework observer;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer();
        observer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        observer.start();
        observer.blockUntilConnected(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        observer.close();
        zookeeper.close();
    }

    @Test
    void registersOnlyOnceTheApplicationAcceptsTrafficAndLeavesWhenItRefusesTraffic() throws Exception {
        CompletableFuture<ConfigurableApplicationContext> starting =
                CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(GatedApplication.class)
                        .properties(
                                "server.port=0",
                                "spring.main.banner-mode=off",
                                "spring.application.name=gated",
                                "spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                                "steadfast.leader.enabled=false",
                                "steadfast.warmup.iterations=1",
                                "steadfast.warmup.timeout=5m",
                                "steadfast.warmup.request-timeout=5m",
                                "steadfast.warmup.requests[0].path=/gate")
                        .run());
        try {
            // The warm-up is under way: the web server answers, the application refuses traffic.
            await().atMost(Duration.ofMinutes(1)).until(() -> Gate.arrived.getCount() == 0 || starting.isDone());
            assertThat(Gate.readinessOnArrival).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> registered()
                    .isEmpty());

            Gate.open.countDown();
            ConfigurableApplicationContext context = starting.get(1, TimeUnit.MINUTES);
            assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
                    .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            await().atMost(Duration.ofSeconds(30)).until(() -> registered().size() == 1);

            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            await().atMost(Duration.ofSeconds(30)).until(() -> registered().isEmpty());

            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            await().atMost(Duration.ofSeconds(30)).until(() -> registered().size() == 1);

            context.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> registered().isEmpty());
        } finally {
            Gate.open.countDown();
            starting.thenAccept(ConfigurableApplicationContext::close);
        }
    }

    /** The instances registered under the service, as ZooKeeper itself has them. */
    private static List<String> registered() throws Exception {
        return observer.checkExists().forPath(SERVICE_PATH) == null
                ? List.of()
                : observer.getChildren().forPath(SERVICE_PATH);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class GatedApplication {

        @Bean
        Gate gate(ApplicationAvailability availability) {
            return new Gate(availability);
        }
    }

    /** The warm-up's endpoint: it holds the warm-up until the test opens it. */
    @RestController
    static class Gate {

        static final CountDownLatch arrived = new CountDownLatch(1);

        static final CountDownLatch open = new CountDownLatch(1);

        static volatile ReadinessState readinessOnArrival;

        private final ApplicationAvailability availability;

        Gate(ApplicationAvailability availability) {
            this.availability = availability;
        }

        @GetMapping("/gate")
        String pass() throws InterruptedException {
            readinessOnArrival = availability.getReadinessState();
            arrived.countDown();
            open.await(5, TimeUnit.MINUTES);
            return "open";
        }
    }
}
