package dev.steadfast.warmup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.client.RestClient;

/**
 * A real web application with a {@code @LoadBalanced RestClient.Builder}, discovering through a real ZooKeeper, whose
 * warm-up has a request for the service {@code payment}: the warm-up waits until an instance of {@code payment}
 * (WireMock) is registered, and every one of those requests reaches it through the load balancer before the
 * application reports ready.
 */
class ServiceWarmUpIT {

    private static final String LOOKUP = "/payments/00000000-0000-0000-0000-000000000000";

    private static TestingServer zookeeper;

    private static CuratorFramework curator;

    private static WireMockServer payment;

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer();
        curator = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        curator.start();
        curator.blockUntilConnected(30, TimeUnit.SECONDS);
        payment = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        payment.start();
        payment.stubFor(get(urlEqualTo(LOOKUP)).willReturn(aResponse().withStatus(404)));
    }

    @AfterAll
    static void stop() throws Exception {
        payment.stop();
        curator.close();
        zookeeper.close();
    }

    @Test
    void waitsForAnInstanceOfTheServiceAndReachesItThroughTheLoadBalancerBeforeReportingReady() throws Exception {
        CompletableFuture<ConfigurableApplicationContext> starting =
                CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(CallingApplication.class)
                        .listeners(event -> {
                            if (event instanceof ApplicationStartedEvent) {
                                CallingApplication.started = true; // runners (the warm-up) come next
                            }
                        })
                        .properties(
                                "server.port=0",
                                "spring.main.banner-mode=off",
                                "spring.application.name=order",
                                "spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                                "spring.cloud.service-registry.auto-registration.enabled=false",
                                "steadfast.leader.enabled=false",
                                "steadfast.warmup.iterations=5",
                                "steadfast.warmup.request-timeout=30s",
                                "steadfast.warmup.timeout=2m",
                                "steadfast.warmup.requests[0].service=payment",
                                "steadfast.warmup.requests[0].path=" + LOOKUP,
                                "steadfast.warmup.requests[0].expected-status=404")
                        .run());
        ServiceDiscovery<ZookeeperInstance> registry = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
                .client(curator)
                .basePath("/services")
                .serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
                .build();
        registry.start();
        try {
            // The warm-up runs and payment has no instance: nothing is sent, the application is not ready.
            await().atMost(Duration.ofMinutes(1)).until(() -> CallingApplication.started || starting.isDone());
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            !starting.isDone() && payment.getAllServeEvents().isEmpty());

            registry.registerService(ServiceInstance.<ZookeeperInstance>builder()
                    .name("payment")
                    .id("payment-1")
                    .address("127.0.0.1")
                    .port(payment.port())
                    .payload(new ZookeeperInstance("payment-1", "payment", Map.of()))
                    .build());
            try (ConfigurableApplicationContext context = starting.get(2, TimeUnit.MINUTES)) {
                Readiness readiness = context.getBean(Readiness.class);
                assertThat(readiness.lookupsWhenReady).containsExactly(5);
                assertThat(readiness.completed).singleElement().satisfies(completed -> {
                    assertThat(completed.sent()).isEqualTo(5);
                    assertThat(completed.unexpected()).isZero();
                    assertThat(completed.timedOut()).isFalse();
                });
            }
        } finally {
            registry.close();
            starting.thenAccept(ConfigurableApplicationContext::close);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CallingApplication {

        static volatile boolean started;

        /** The application's own load-balanced client builder, as the order service declares one. */
        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedBuilder() {
            return RestClient.builder();
        }

        @Bean
        Readiness readiness() {
            return new Readiness();
        }
    }

    /** How many lookups the payment instance had received when the application reported ready. */
    static class Readiness {

        final List<Integer> lookupsWhenReady = new CopyOnWriteArrayList<>();

        final List<WarmUpCompleted> completed = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AvailabilityChangeEvent<ReadinessState> event) {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                lookupsWhenReady.add(payment.countRequestsMatching(
                                getRequestedFor(urlEqualTo(LOOKUP)).build())
                        .getCount());
            }
        }

        @EventListener
        void on(WarmUpCompleted event) {
            completed.add(event);
        }
    }
}
