package dev.steadfast.demo.order.database;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steadfast.demo.order.PaymentServiceStub;
import dev.steadfast.demo.support.database.H2ServerRestartContract;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The order service across a kill -9 and restart of its H2 server (see {@link H2ServerRestartContract}): it takes
 * orders again within seconds, and every order it acknowledged, before or after, is still there and gets paid by the
 * outbox once payment-service answers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "order.outbox.interval=200ms",
            "order.outbox.grace=1s",
            "order.outbox.initial-backoff=200ms",
            "order.outbox.max-backoff=1s",
            "resilience4j.circuitbreaker.instances.payment.wait-duration-in-open-state=500ms"
        })
@Import({PaymentServiceStub.class, H2ServerRestartContract.Database.class})
class H2ServerRestartIT extends H2ServerRestartContract {

    @Autowired
    WireMockServer paymentService;

    @Override
    protected void beforeLoad() {
        // No payment decision until the end: every acknowledged order waits in the outbox across the restart.
        paymentService.stubFor(post(urlEqualTo("/payments")).willReturn(serviceUnavailable()));
    }

    @Override
    protected ResponseEntity<Map> send(RestClient http) {
        return http.post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "c-restart", "amount", new BigDecimal("10.00"), "currency", "EUR"))
                .retrieve()
                .toEntity(Map.class);
    }

    @Override
    protected boolean acknowledges(int status) {
        return status == 201 || status == 202;
    }

    @Override
    protected void assertNothingLost(RestClient http, List<Map<String, Object>> acknowledged) {
        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        List<String> ids =
                acknowledged.stream().map(order -> (String) order.get("id")).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids)
                .as("every acknowledged order, paid through the outbox")
                .allSatisfy(id -> assertThat(statusOf(http, id)).isEqualTo("PAID")));
    }

    private static String statusOf(RestClient http, String orderId) {
        Map order = http.get().uri("/orders/{id}", orderId).retrieve().body(Map.class);
        // A problem (404) carries its HTTP status under the same name.
        return (order == null) ? null : String.valueOf(order.get("status"));
    }
}
