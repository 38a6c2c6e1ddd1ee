package dev.steadfast.leader;

import static dev.steadfast.leader.ElectionInstances.election;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

class LeaderActuatorIT {

    private ElectionInstances cluster;

    @BeforeEach
    void startZooKeeper() throws Exception {
        cluster = new ElectionInstances();
    }

    @AfterEach
    void stopAll() throws Exception {
        cluster.close();
    }

    @Test
    void endpointHealthAndMetricsShowRoleTokenAndLeader() {
        ConfigurableApplicationContext first = startWebInstance("pay-0");
        ConfigurableApplicationContext second = startWebInstance("pay-1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> election(first).isLeader() || election(second).isLeader());
        ConfigurableApplicationContext leader = election(first).isLeader() ? first : second;
        ConfigurableApplicationContext follower = leader == first ? second : first;
        long token = election(leader).currentToken().orElseThrow().value();

        Map<String, Map<String, Object>> view =
                client(follower).get().uri("/actuator/leader").retrieve().body(new ParameterizedTypeReference<>() {});
        assertThat(view).containsOnlyKeys("orders", "settlement");
        assertThat(view.get("orders"))
                .containsEntry("participantId", election(follower).participantId())
                .containsEntry("role", "FOLLOWER")
                .containsEntry("token", null)
                .containsEntry("leaderId", election(leader).participantId());
        assertThat((List<?>) view.get("orders").get("participants")).hasSize(2);

        Map<String, Object> leaderView = client(leader)
                .get()
                .uri("/actuator/leader/orders")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(leaderView).containsEntry("role", "LEADER");
        assertThat(((Number) leaderView.get("token")).longValue()).isEqualTo(token);

        Map<String, Object> health = client(follower)
                .get()
                .uri("/actuator/health/leader")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(health).containsEntry("status", "UP");

        MeterRegistry meters = leader.getBean(MeterRegistry.class);
        assertThat(meters.get("steadfast.leader.is-leader")
                        .tag("election", "orders")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("steadfast.leader.token")
                        .tag("election", "orders")
                        .gauge()
                        .value())
                .isEqualTo(token);
        assertThat(meters.get("steadfast.leader.transitions")
                        .tag("election", "orders")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(follower.getBean(MeterRegistry.class)
                        .get("steadfast.leader.is-leader")
                        .tag("election", "orders")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void yieldIsRefusedByDefault() {
        ConfigurableApplicationContext instance = startWebInstance("pay-0");
        await().atMost(Duration.ofSeconds(10)).until(() -> election(instance).isLeader());

        HttpStatusCode status = client(instance)
                .post()
                .uri("/actuator/leader/orders")
                .retrieve()
                .onStatus(code -> true, (request, response) -> {})
                .toBodilessEntity()
                .getStatusCode();

        assertThat(status.is2xxSuccessful()).isFalse();
        assertThat(election(instance).isLeader()).isTrue();
    }

    @Test
    void yieldHandsLeadershipOverWhenAllowed() {
        String allow = "management.endpoint.leader.access=unrestricted";
        ConfigurableApplicationContext first = startWebInstance("pay-0", allow);
        ConfigurableApplicationContext second = startWebInstance("pay-1", allow);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> election(first).isLeader() || election(second).isLeader());
        ConfigurableApplicationContext leader = election(first).isLeader() ? first : second;
        ConfigurableApplicationContext follower = leader == first ? second : first;

        Map<String, Object> answer = client(leader)
                .post()
                .uri("/actuator/leader/orders")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});

        assertThat(answer).containsEntry("yielded", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> election(follower).isLeader());
    }

    private ConfigurableApplicationContext startWebInstance(String participantId, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=orders",
                "steadfast.zookeeper.connect-string=" + cluster.server().getConnectString(),
                "steadfast.zookeeper.session-timeout=2s",
                "steadfast.zookeeper.connection-timeout=1s",
                "steadfast.leader.participant-id=" + participantId,
                "steadfast.leader.elections.settlement.enabled=true",
                "server.port=0",
                "management.endpoints.web.exposure.include=health,leader",
                "management.endpoint.health.show-details=always",
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LeaderTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties.toArray(String[]::new))
                .run();
        cluster.add(context);
        return context;
    }

    private static RestClient client(ConfigurableApplicationContext context) {
        return RestClient.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
