package dev.steadfast.demo.payment.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.demo.support.database.H2ServerRestartContract;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The payment service across a kill -9 and restart of its H2 server (see {@link H2ServerRestartContract}): it
 * authorizes again within seconds, and every payment it acknowledged, before or after, is still there and is settled
 * exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"payment.settlement.interval=200ms", "payment.settlement.safety-lag=300ms"})
@Import(H2ServerRestartContract.Database.class)
class H2ServerRestartIT extends H2ServerRestartContract {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected ResponseEntity<Map> send(RestClient http) {
        return http.post()
                .uri("/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "orderId", UUID.randomUUID().toString(), "amount", new BigDecimal("10.00"), "currency", "EUR"))
                .retrieve()
                .toEntity(Map.class);
    }

    @Override
    protected boolean acknowledges(int status) {
        return status == 201;
    }

    @Override
    protected void assertNothingLost(RestClient http, List<Map<String, Object>> acknowledged) {
        assertThat(acknowledged).allSatisfy(payment -> assertThat(http.get()
                        .uri("/payments/{orderId}", payment.get("orderId"))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .as("payment of order %s", payment.get("orderId"))
                .isEqualTo(200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(acknowledged)
                .as("every acknowledged payment, settled once")
                .allSatisfy(
                        payment -> assertThat(jdbc.sql("select count(*) from settlement_item where payment_id = :id")
                                        .param("id", String.valueOf(payment.get("paymentId")))
                                        .query(Long.class)
                                        .single())
                                .as("batches with payment %s", payment.get("paymentId"))
                                .isEqualTo(1)));
    }
}
