package dev.steadfast.demo.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.steadfast.demo.payment.PaymentServiceApplication;
import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.NotLeaderException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Two payment-service instances on one ZooKeeper and one database. Payments arrive at both while the leader's
 * ZooKeeper session is killed; afterwards every authorized payment is in exactly one batch and the batch numbers
 * run without gaps. Then a leader whose term ended (as in a long pause) tries to write a batch and is refused. The
 * tests share the two instances and run in order, because the first counts every batch ever written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementFailoverIT {

    private static final int PAYMENTS = 120;

    private static TestingServer zookeeper;

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        // One after the other: both run Flyway on the shared database.
        instances.add(startInstance("payment-a"));
        instances.add(startInstance("payment-b"));
    }

    @AfterAll
    static void stop() throws Exception {
        // The applications first, so that their ZooKeeper clients close before the server goes away.
        instances.forEach(ConfigurableApplicationContext::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    @Order(1)
    void settlesEveryAuthorizedPaymentExactlyOnceAcrossAFailover() throws Exception {
        ConfigurableApplicationContext firstLeader = awaitLeader();
        FencingToken firstToken = election(firstLeader).currentToken().orElseThrow();
        List<RestClient> clients =
                instances.stream().map(SettlementFailoverIT::client).toList();

        for (int i = 0; i < PAYMENTS; i++) {
            // Every seventh is over the limit and declined: declined payments are never settled.
            String amount = (i % 7 == 0) ? "1500.00" : (i + 1) + ".25";
            String currency = (i % 3 == 0) ? "USD" : "EUR";
            clients.get(i % 2)
                    .post()
                    .uri("/payments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "orderId",
                            UUID.randomUUID().toString(),
                            "amount",
                            new BigDecimal(amount),
                            "currency",
                            currency))
                    .retrieve()
                    .toBodilessEntity();
            if (i == PAYMENTS / 3) {
                awaitFirstBatch();
                firstLeader
                        .getBean(CuratorFramework.class)
                        .getZookeeperClient()
                        .getZooKeeper()
                        .getTestable()
                        .injectSessionExpiration();
            }
        }
        ConfigurableApplicationContext secondLeader = awaitLeader();
        assertThat(election(secondLeader).currentToken().orElseThrow().isNewerThan(firstToken))
                .isTrue();

        JdbcClient jdbc = firstLeader.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from settlement_item")
                                .query(Long.class)
                                .single())
                        .isEqualTo(jdbc.sql("select count(*) from payment where status = 'AUTHORIZED'")
                                .query(Long.class)
                                .single()));

        assertThat(jdbc.sql("select payment_id from settlement_item group by payment_id having count(*) > 1")
                        .query(String.class)
                        .list())
                .as("payments settled more than once")
                .isEmpty();
        assertThat(jdbc.sql("select i.payment_id from settlement_item i join payment p on p.id = i.payment_id"
                                + " where p.status = 'AUTHORIZED'")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(jdbc.sql("select id from payment where status = 'AUTHORIZED'")
                        .query(String.class)
                        .list());
        List<Long> batches = jdbc.sql("select batch_number from settlement_batch order by batch_number")
                .query(Long.class)
                .list();
        assertThat(batches).isNotEmpty();
        for (int i = 0; i < batches.size(); i++) {
            assertThat(batches.get(i)).as("batch numbers are contiguous").isEqualTo(i + 1L);
        }
        List<Long> tokens = jdbc.sql("select fencing_token from settlement_batch order by batch_number")
                .query(Long.class)
                .list();
        assertThat(tokens).isSorted();
        assertThat(jdbc.sql("select distinct leader_id from settlement_batch")
                        .query(String.class)
                        .list())
                .as("both instances wrote batches")
                .containsExactlyInAnyOrder("payment-a", "payment-b");
        assertThat(jdbc.sql("select sum(total) from settlement_batch_total")
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo(jdbc.sql("select sum(amount) from payment where status = 'AUTHORIZED'")
                        .query(BigDecimal.class)
                        .single());
    }

    @Test
    @Order(2)
    void anExLeaderThatWakesUpWritesNoBatch() throws Exception {
        ConfigurableApplicationContext leader = awaitLeader();
        FencingToken oldToken = election(leader).currentToken().orElseThrow();
        // The term ends while the leader is busy, as it would during a long pause; another instance takes over.
        election(leader).yieldLeadership();
        ConfigurableApplicationContext newLeader = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> instances.stream()
                                .filter(instance -> election(instance)
                                        .currentToken()
                                        .map(token -> token.isNewerThan(oldToken))
                                        .orElse(false))
                                .findFirst()
                                .orElse(null),
                        Objects::nonNull);
        JdbcClient jdbc = leader.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select fencing_token from settlement_fence")
                                .query(Long.class)
                                .single()
                        > oldToken.value());
        client(newLeader)
                .post()
                .uri("/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "orderId", UUID.randomUUID().toString(), "amount", new BigDecimal("9.99"), "currency", "EUR"))
                .retrieve()
                .toBodilessEntity();
        long batchesBefore = jdbc.sql("select count(*) from settlement_batch where fencing_token = :token")
                .param("token", oldToken.value())
                .query(Long.class)
                .single();

        // The ex-leader resumes a run it began in its old term, past its own leadership check: the database refuses.
        assertThatExceptionOfType(FencedOutException.class)
                .isThrownBy(() -> leader.getBean(SettlementService.class).settle(oldToken, "zombie", token -> {}));
        // And its leadership check alone refuses it too.
        assertThatExceptionOfType(NotLeaderException.class)
                .isThrownBy(() -> election(leader).assertLeader(oldToken));

        assertThat(jdbc.sql("select count(*) from settlement_batch where fencing_token = :token")
                        .param("token", oldToken.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(batchesBefore);
        assertThat(jdbc.sql("select count(*) from settlement_batch where leader_id = 'zombie'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void awaitFirstBatch() {
        JdbcClient jdbc = instances.get(0).getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from settlement_batch")
                                .query(Long.class)
                                .single()
                        > 0);
    }

    private static ConfigurableApplicationContext awaitLeader() {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> instances.stream()
                                .filter(instance -> election(instance).isLeader())
                                .findFirst()
                                .orElse(null),
                        Objects::nonNull);
    }

    private static LeaderElection election(ConfigurableApplicationContext instance) {
        return instance.getBean(LeaderElection.class);
    }

    private static RestClient client(ConfigurableApplicationContext instance) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return RestClient.create("http://127.0.0.1:" + port);
    }

    private static ConfigurableApplicationContext startInstance(String instanceId) {
        return new SpringApplicationBuilder(PaymentServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:settlement-failover;DB_CLOSE_DELAY=-1",
                        "--spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                        "--steadfast.zookeeper.session-timeout=4s",
                        "--steadfast.zookeeper.connection-timeout=2s",
                        "--payment.instance-id=" + instanceId,
                        "--payment.settlement.interval=200ms",
                        "--payment.settlement.safety-lag=300ms");
    }
}
