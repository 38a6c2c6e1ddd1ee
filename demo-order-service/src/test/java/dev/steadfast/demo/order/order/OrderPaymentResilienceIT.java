package dev.steadfast.demo.order.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.steadfast.demo.order.PaymentServiceStub;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * order-service against WireMock standing in for payment-service: each failure of the payment service ends in
 * the right order status, and the circuit breaker opens and closes. The reconciler is kept out of the way (its
 * interval is an hour) so that every payment request seen here comes from the request under test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:order-resilience;DB_CLOSE_DELAY=-1",
            "order.outbox.interval=1h",
            "order.payment.read-timeout=500ms",
            "resilience4j.circuitbreaker.instances.payment.wait-duration-in-open-state=1s",
            "resilience4j.circuitbreaker.instances.payment.sliding-window-size=4",
            "resilience4j.circuitbreaker.instances.payment.minimum-number-of-calls=4"
        })
@Import(PaymentServiceStub.class)
class OrderPaymentResilienceIT {

    @LocalServerPort
    int port;

    @Autowired
    WireMockServer paymentService;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void setUp() {
        paymentService.resetAll();
        breaker().reset();
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @Test
    void orderIsPaidWhenPaymentIsAuthorized() {
        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");

        ResponseEntity<Map> response = placeOrder("12.50");

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).containsEntry("status", "PAID").containsKey("paymentId");
        String id = (String) response.getBody().get("id");
        assertThat(PaymentServiceStub.requestsFor(paymentService, id)).isEqualTo(1);
        assertThat(outboxRows(id)).isZero();
    }

    @Test
    void orderIsCancelledWhenPaymentIsDeclined() {
        PaymentServiceStub.answerAll(paymentService, "DECLINED");

        ResponseEntity<Map> response = placeOrder("5000.00");

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).containsEntry("status", "CANCELLED");
        assertThat(outboxRows((String) response.getBody().get("id"))).isZero();
    }

    @Test
    void orderStaysPendingInTheOutboxWhenPaymentAnswers503() {
        paymentService.stubFor(post(urlEqualTo("/payments")).willReturn(serviceUnavailable()));

        ResponseEntity<Map> response = placeOrder("12.50");

        assertPending(response);
        String id = (String) response.getBody().get("id");
        assertThat(PaymentServiceStub.requestsFor(paymentService, id))
                .as("retried")
                .isEqualTo(3);
        assertThat(jdbc.sql("select attempts from order_outbox where order_id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void orderStaysPendingInTheOutboxWhenPaymentShedsEveryAttempt() {
        for (int status : new int[] {503, 429}) {
            paymentService.resetAll();
            // What an overloaded payment service's inbound limit answers: at once, Retry-After, problem details.
            paymentService.stubFor(post(urlEqualTo("/payments"))
                    .willReturn(aResponse()
                            .withStatus(status)
                            .withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Service overloaded\",\"status\":" + status + "}")));

            ResponseEntity<Map> response = placeOrder("12.50");

            // Accepted and kept for the reconciler, never cancelled: a shed call is retried, not a refusal.
            assertPending(response);
            assertThat(PaymentServiceStub.requestsFor(
                            paymentService, (String) response.getBody().get("id")))
                    .as("retried after " + status)
                    .isEqualTo(3);
        }
    }

    @Test
    void orderStaysPendingWhenPaymentAnswersAfterTheTimeLimit() {
        paymentService.stubFor(
                post(urlEqualTo("/payments")).willReturn(okJson("{}").withFixedDelay(1500)));

        assertPending(placeOrder("12.50"));
    }

    @Test
    void orderStaysPendingWhenTheConnectionIsReset() {
        paymentService.stubFor(
                post(urlEqualTo("/payments")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertPending(placeOrder("12.50"));
    }

    @Test
    void orderStaysPendingWhenPaymentAnswersMalformedJson() {
        paymentService.stubFor(post(urlEqualTo("/payments")).willReturn(okJson("{\"paymentId\": \"p-1\", \"sta")));

        assertPending(placeOrder("12.50"));
    }

    @Test
    void orderIsCancelledWithoutRetryWhenPaymentRefusesWith409() {
        paymentService.stubFor(post(urlEqualTo("/payments"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Payment conflict\",\"status\":409}")));

        ResponseEntity<Map> response = placeOrder("12.50");

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).containsEntry("status", "CANCELLED");
        String id = (String) response.getBody().get("id");
        assertThat(PaymentServiceStub.requestsFor(paymentService, id)).isEqualTo(1);
        assertThat(outboxRows(id)).isZero();
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void circuitBreakerOpensOnFailuresAndClosesWhenPaymentRecovers() {
        paymentService.stubFor(post(urlEqualTo("/payments")).willReturn(serviceUnavailable()));
        for (int i = 0; i < 4; i++) {
            // One logical call, retried inside the breaker, is one breaker outcome.
            assertPending(placeOrder("1.00"));
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        int requestsBefore = paymentService
                .findAll(postRequestedFor(urlEqualTo("/payments")))
                .size();
        assertPending(placeOrder("3.00"));
        assertThat(paymentService.findAll(postRequestedFor(urlEqualTo("/payments"))))
                .as("no call passes an open breaker")
                .hasSize(requestsBefore);

        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        await().atMost(Duration.ofSeconds(10)).until(() -> breaker().getState() == CircuitBreaker.State.HALF_OPEN);
        for (int i = 0; i < 3; i++) {
            // Steadfast's default: three probe calls in the half-open state close the breaker again.
            assertThat(placeOrder("4.00").getBody()).containsEntry("status", "PAID");
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameOrder() {
        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map> first = placeOrder("12.50", key);
        ResponseEntity<Map> again = placeOrder("12.50", key);
        ResponseEntity<Map> other = placeOrder("99.00", key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(other.getStatusCode().value()).isEqualTo(409);
        assertThat(other.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(paymentService.findAll(postRequestedFor(urlEqualTo("/payments"))))
                .hasSize(1);
    }

    @Test
    void rejectsInvalidOrdersWithAProblemNamingEachFieldAndStoresNothing() {
        long before = jdbc.sql("select count(*) from orders").query(Long.class).single();

        ResponseEntity<Map> response = http.post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "", "amount", "1.234", "currency", "euro"))
                .retrieve()
                .toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((List<Map<String, String>>) response.getBody().get("errors"))
                .extracting(error -> error.get("field"))
                .containsExactly("amount", "currency", "customerId");
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single())
                .isEqualTo(before);
        assertThat(paymentService.getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownOrderIsANotFoundProblem() {
        ResponseEntity<Map> response =
                http.get().uri("/orders/{id}", UUID.randomUUID()).retrieve().toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void listsOrdersNewestFirstInPages() {
        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        placeOrder("1.00");
        String newest = (String) placeOrder("2.00").getBody().get("id");

        Map page = http.get().uri("/orders?page=0&size=1").retrieve().body(Map.class);

        assertThat((List<Map<String, Object>>) page.get("content"))
                .singleElement()
                .satisfies(order -> assertThat(order).containsEntry("id", newest));
        assertThat(((Number) page.get("totalElements")).longValue()).isGreaterThanOrEqualTo(2);
    }

    private void assertPending(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody()).containsEntry("status", "PAYMENT_PENDING");
        String id = (String) response.getBody().get("id");
        assertThat(outboxRows(id)).as("kept in the outbox").isEqualTo(1);
        assertThat(http.get().uri("/orders/{id}", id).retrieve().body(Map.class))
                .containsEntry("status", "PAYMENT_PENDING");
    }

    private long outboxRows(String orderId) {
        return jdbc.sql("select count(*) from order_outbox where order_id = :id")
                .param("id", orderId)
                .query(Long.class)
                .single();
    }

    private CircuitBreaker breaker() {
        return circuitBreakers.circuitBreaker("payment");
    }

    private ResponseEntity<Map> placeOrder(String amount) {
        return placeOrder(amount, null);
    }

    private ResponseEntity<Map> placeOrder(String amount, String idempotencyKey) {
        return http.post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(Map.of("customerId", "c-1", "amount", new java.math.BigDecimal(amount), "currency", "EUR"))
                .retrieve()
                .toEntity(Map.class);
    }
}
