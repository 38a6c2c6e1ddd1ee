package dev.steadfast.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.loadbalancer.LoadBalancedClientTestApplication.PingClient;
import dev.steadfast.loadbalancer.LoadBalancedClientTestApplication.RecordedEvents;
import dev.steadfast.loadbalancer.actuate.LoadBalancerEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Outlier ejection against real HTTP: WireMock servers as the instances of one service. */
class OutlierEjectionIT {

    @Test
    void ejectedInstanceGetsNoTrafficWhileTheOthersServeEveryCall() {
        try (Instances instances = new Instances(3);
                ConfigurableApplicationContext context = start(instances, "30s")) {
            instances.failing(2);
            PingClient client = context.getBean(PingClient.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                client.tryPing();
                return ejected(context, instances.key(2));
            });
            instances.resetRequests();

            for (int i = 0; i < 30; i++) {
                assertThat(client.ping()).isEqualTo("pong");
            }

            assertThat(instances.requests(2)).isZero();
            assertThat(instances.requests(0) + instances.requests(1)).isEqualTo(30);
            assertThat(context.getBean(OutlierEjections.class).instances("payment"))
                    .filteredOn(health -> health.instance().equals(instances.key(2)))
                    .singleElement()
                    .satisfies(health -> {
                        assertThat(health.state()).isEqualTo(EjectionState.EJECTED);
                        assertThat(health.remainingEjection()).isPositive();
                    });
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("steadfast.loadbalancer.ejections")
                            .tag("instance", instances.key(2))
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("steadfast.loadbalancer.ejected")
                            .tag("service", "payment")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(new LoadBalancerEndpoint(context.getBean(OutlierEjections.class)).service("payment"))
                    .extracting(InstanceHealth::state)
                    .containsExactlyInAnyOrder(EjectionState.ACTIVE, EjectionState.ACTIVE, EjectionState.EJECTED);
        }
    }

    @Test
    void returnedInstanceThatStillFailsIsEjectedAgainAtOnceForLongerAndServesAgainOnceHealthy() {
        try (Instances instances = new Instances(3);
                ConfigurableApplicationContext context = start(instances, "1s")) {
            instances.failing(1);
            PingClient client = context.getBean(PingClient.class);
            RecordedEvents recorded = context.getBean(RecordedEvents.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                client.tryPing();
                return ejections(recorded, instances.key(1)).size() == 2;
            });
            List<InstanceEvent> ofSick = recorded.events.stream()
                    .filter(event -> event.instance().equals(instances.key(1)))
                    .toList();
            assertThat(ofSick).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ofSick.get(0)).isInstanceOf(InstanceEjected.class);
            assertThat(ofSick.get(1)).isEqualTo(new InstanceReturned("payment", instances.key(1)));
            assertThat(ofSick.get(2))
                    .isEqualTo(new InstanceEjected(
                            "payment", instances.key(1), EjectionReason.FAILED_ON_PROBATION, 2, Duration.ofSeconds(2)));

            instances.healthy(1);
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                client.ping();
                return instances.requests(1) > 0 && state(context, instances.key(1)) == EjectionState.ACTIVE;
            });
        }
    }

    @Test
    void neverEjectsMoreThanHalfSoAServiceWideOutageStillReachesTheCaller() {
        try (Instances instances = new Instances(2);
                ConfigurableApplicationContext context = start(instances, "30s")) {
            instances.failing(0);
            instances.failing(1);
            PingClient client = context.getBean(PingClient.class);
            RecordedEvents recorded = context.getBean(RecordedEvents.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                client.tryPing();
                return recorded.events.stream().anyMatch(EjectionSkipped.class::isInstance);
            });
            instances.resetRequests();

            for (int i = 0; i < 10; i++) {
                assertThat(client.tryPing()).isFalse();
            }

            assertThat(recorded.events)
                    .filteredOn(InstanceEjected.class::isInstance)
                    .hasSize(1);
            assertThat(instances.requests(0) + instances.requests(1)).isEqualTo(10);
        }
    }

    private static ConfigurableApplicationContext start(Instances instances, String baseEjectionTime) {
        List<String> properties = new ArrayList<>(instances.discoveryProperties("payment"));
        properties.add("spring.cloud.zookeeper.enabled=false");
        properties.add("steadfast.loadbalancer.outlier.base-ejection-time=" + baseEjectionTime);
        return new SpringApplicationBuilder(LoadBalancedClientTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    private static List<InstanceEjected> ejections(RecordedEvents recorded, String instance) {
        return recorded.events.stream()
                .filter(InstanceEjected.class::isInstance)
                .map(InstanceEjected.class::cast)
                .filter(event -> event.instance().equals(instance))
                .toList();
    }

    private static boolean ejected(ConfigurableApplicationContext context, String instance) {
        return state(context, instance) == EjectionState.EJECTED;
    }

    private static EjectionState state(ConfigurableApplicationContext context, String instance) {
        return context.getBean(OutlierEjections.class).instances("payment").stream()
                .filter(health -> health.instance().equals(instance))
                .map(InstanceHealth::state)
                .findFirst()
                .orElse(null);
    }
}
