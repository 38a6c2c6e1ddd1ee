package dev.steadfast.demo.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:payment-api;DB_CLOSE_DELAY=-1",
            "payment.settlement.interval=1h"
        })
class PaymentApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    ExecutorService executor;

    @BeforeEach
    void setUp() {
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        executor = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void concurrentDuplicateRequestsCreateOnePayment() throws Exception {
        String orderId = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<Map>>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Callable<ResponseEntity<Map>> call = () -> {
                start.await();
                return pay(orderId, "42.10", "EUR");
            };
            answers.add(executor.submit(call));
        }
        start.countDown();
        List<ResponseEntity<Map>> responses = new ArrayList<>();
        for (Future<ResponseEntity<Map>> answer : answers) {
            responses.add(answer.get());
        }

        assertThat(responses)
                .extracting(response -> response.getStatusCode().value())
                .containsOnly(200, 201)
                .containsOnlyOnce(201);
        assertThat(responses)
                .extracting(response -> response.getBody().get("paymentId"))
                .hasSize(16)
                .containsOnly(responses.get(0).getBody().get("paymentId"));
        assertThat(jdbc.sql("select count(*) from payment where order_id = :id")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void repeatedRequestReturnsTheOriginalPayment() {
        String orderId = UUID.randomUUID().toString();
        ResponseEntity<Map> first = pay(orderId, "12.50", "EUR");
        ResponseEntity<Map> second = pay(orderId, "12.5", "EUR");

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getHeaders().getLocation()).hasPath("/payments/" + orderId);
        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(first.getBody()).containsEntry("status", "AUTHORIZED").containsEntry("currency", "EUR");
    }

    @Test
    void sameOrderWithDifferentAmountIsAConflictProblem() {
        String orderId = UUID.randomUUID().toString();
        ResponseEntity<Map> first = pay(orderId, "12.50", "EUR");
        ResponseEntity<Map> conflict = pay(orderId, "99.00", "EUR");

        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(conflict.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(conflict.getBody())
                .containsEntry("paymentId", first.getBody().get("paymentId"));
    }

    @Test
    void declinesAmountsOverTheAuthorizationLimit() {
        ResponseEntity<Map> response = pay(UUID.randomUUID().toString(), "1000.01", "EUR");

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).containsEntry("status", "DECLINED");
    }

    @Test
    void rejectsInvalidFieldsWithAProblemNamingEachField() {
        ResponseEntity<Map> response = post(Map.of("orderId", "not-a-uuid", "amount", -3, "currency", "eur"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((List<Map<String, String>>) response.getBody().get("errors"))
                .extracting(error -> error.get("field"))
                .containsExactly("amount", "currency", "orderId");
        assertThat(jdbc.sql("select count(*) from payment where order_id = 'not-a-uuid'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void rejectsMalformedJsonWithAProblem() {
        ResponseEntity<Map> response = http.post()
                .uri("/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"orderId\":")
                .retrieve()
                .toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownOrderIsNotFoundProblem() {
        ResponseEntity<Map> response =
                http.get().uri("/payments/{id}", UUID.randomUUID()).retrieve().toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void findsAPaymentByOrder() {
        String orderId = UUID.randomUUID().toString();
        ResponseEntity<Map> created = pay(orderId, "7.00", "USD");

        ResponseEntity<Map> found =
                http.get().uri("/payments/{id}", orderId).retrieve().toEntity(Map.class);

        assertThat(found.getStatusCode().value()).isEqualTo(200);
        assertThat(found.getBody()).isEqualTo(created.getBody());
    }

    private ResponseEntity<Map> pay(String orderId, String amount, String currency) {
        return post(Map.of("orderId", orderId, "amount", new java.math.BigDecimal(amount), "currency", currency));
    }

    private ResponseEntity<Map> post(Map<String, Object> body) {
        return http.post()
                .uri("/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(Map.class);
    }
}
