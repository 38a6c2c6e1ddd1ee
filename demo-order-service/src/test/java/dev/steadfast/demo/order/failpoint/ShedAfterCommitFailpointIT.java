package dev.steadfast.demo.order.failpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steadfast.demo.order.PaymentServiceStub;
import java.math.BigDecimal;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The test-only failpoint {@code shed-after-commit}: every tenth created order is answered like a load shedder's
 * refusal although it was created and paid, which the chaos checker's invariant 7 must catch.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:order-shed-failpoint;DB_CLOSE_DELAY=-1",
            "order.outbox.interval=1h",
            "order.failpoints.enabled=shed-after-commit"
        })
@Import(PaymentServiceStub.class)
class ShedAfterCommitFailpointIT {

    @LocalServerPort
    int port;

    @Autowired
    WireMockServer paymentService;

    @Autowired
    JdbcClient jdbc;

    @Test
    void answersEveryTenthCreatedOrderAsShedAlthoughItWasCreatedAndPaid() {
        PaymentServiceStub.answerAll(paymentService, "AUTHORIZED");
        RestClient http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        List<String> keys = new ArrayList<>();
        List<ResponseEntity<Map>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String key = UUID.randomUUID().toString();
            keys.add(key);
            answers.add(http.post()
                    .uri("/orders")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key)
                    .body(Map.of("customerId", "c-1", "amount", new BigDecimal("12.50"), "currency", "EUR"))
                    .retrieve()
                    .toEntity(Map.class));
        }

        assertThat(answers.subList(0, 9))
                .allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(201));
        ResponseEntity<Map> shed = answers.get(9);
        assertThat(shed.getStatusCode().value()).isEqualTo(503);
        assertThat(shed.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(shed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.sql("select status from orders where idempotency_key = :key")
                        .param("key", keys.get(9))
                        .query(String.class)
                        .single())
                .isEqualTo("PAID");
    }
}
