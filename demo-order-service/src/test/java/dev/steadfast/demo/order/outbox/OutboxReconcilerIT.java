package dev.steadfast.demo.order.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steadfast.demo.order.PaymentServiceStub;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The reconciler completes the orders left pending once payment-service answers again: PAID when authorized,
 * CANCELLED when declined, and no further payment request once an order is complete.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:order-reconciler;DB_CLOSE_DELAY=-1",
            "order.outbox.interval=200ms",
            "order.outbox.grace=1s",
            "order.outbox.initial-backoff=200ms",
            "order.outbox.max-backoff=1s",
            "order.payment.read-timeout=500ms",
            "resilience4j.circuitbreaker.instances.payment.wait-duration-in-open-state=500ms"
        })
@Import(PaymentServiceStub.class)
class OutboxReconcilerIT {

    @LocalServerPort
    int port;

    @Autowired
    WireMockServer paymentService;

    @Autowired
    JdbcClient jdbc;

    @Test
    void completesPendingOrdersOnceThePaymentServiceRecovers() {
        paymentService.stubFor(post(urlEqualTo("/payments")).willReturn(serviceUnavailable()));
        RestClient http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map order = http.post()
                    .uri("/orders")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("customerId", "c-" + i, "amount", new BigDecimal("10.00"), "currency", "EUR"))
                    .retrieve()
                    .body(Map.class);
            assertThat(order).containsEntry("status", "PAYMENT_PENDING");
            pending.add((String) order.get("id"));
        }
        String declined = pending.get(2);
        // An order whose instance died after committing it and before calling payment-service.
        String orphan = insertPendingOrderAsIfTheInstanceCrashed();

        paymentService.resetAll();
        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        PaymentServiceStub.answerOrder(paymentService, declined, "DECLINED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(statusOf(pending.get(0))).isEqualTo("PAID");
            assertThat(statusOf(pending.get(1))).isEqualTo("PAID");
            assertThat(statusOf(declined)).as("compensated").isEqualTo("CANCELLED");
            assertThat(statusOf(orphan)).isEqualTo("PAID");
        });
        assertThat(jdbc.sql("select count(*) from order_outbox")
                        .query(Long.class)
                        .single())
                .isZero();
        List<String> all = List.of(pending.get(0), pending.get(1), declined, orphan);
        List<Integer> requests = all.stream()
                .map(id -> PaymentServiceStub.requestsFor(paymentService, id))
                .toList();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(all.stream()
                        .map(id -> PaymentServiceStub.requestsFor(paymentService, id))
                        .toList())
                .as("no payment request once an order is complete")
                .isEqualTo(requests));
    }

    private String insertPendingOrderAsIfTheInstanceCrashed() {
        String id = UUID.randomUUID().toString();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        jdbc.sql(
                        """
                        insert into orders (id, customer_id, amount, currency, status, created_at, updated_at)
                        values (:id, 'c-orphan', 3.00, 'EUR', 'PAYMENT_PENDING', :now, :now)
                        """)
                .param("id", id)
                .param("now", now)
                .update();
        jdbc.sql("insert into order_outbox (order_id, attempts, next_attempt_at) values (:id, 0, :now)")
                .param("id", id)
                .param("now", now)
                .update();
        return id;
    }

    private String statusOf(String orderId) {
        return jdbc.sql("select status from orders where id = :id")
                .param("id", orderId)
                .query(String.class)
                .single();
    }
}
