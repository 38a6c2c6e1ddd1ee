package dev.steadfast.demo.order.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.steadfast.demo.order.PaymentServiceStub;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The orders API on a real PostgreSQL 15 (localhost:5432, database, user and password {@code steadfast}, as
 * {@code .ci/run} prepares it; its own schema): text with control characters is bad input, never a conflict.
 * Skipped only outside CI when no such server runs; under {@code CI=true} a missing server fails the build.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=" + OrderApiPostgresIT.URL + "&currentSchema=order_api_it",
            "spring.datasource.username=steadfast",
            "spring.datasource.password=steadfast",
            "spring.flyway.default-schema=order_api_it",
            "order.outbox.interval=1h"
        })
@Import(PaymentServiceStub.class)
class OrderApiPostgresIT {

    static final String URL = "jdbc:postgresql://localhost:5432/steadfast?connectTimeout=2";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void requirePostgres() {
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            assumeThat(reachable()).as("PostgreSQL on localhost:5432").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust\u0000omer", "cust\u0007omer", "customer\n", "cust\u009Bomer", "cust\u007Fomer"})
    void customerIdWithControlCharactersIsAFieldErrorAndStoresNothing(String customerId) {
        long before = orders();

        ResponseEntity<Map> response = http().post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", customerId, "amount", new BigDecimal("12.50"), "currency", "EUR"))
                .retrieve()
                .toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((List<Map<String, String>>) response.getBody().get("errors"))
                .containsExactly(Map.of("field", "customerId", "message", "must not contain control characters"));
        assertThat(orders()).isEqualTo(before);
    }

    private long orders() {
        return jdbc.sql("select count(*) from orders").query(Long.class).single();
    }

    private RestClient http() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    private static boolean reachable() {
        try (Connection connection = DriverManager.getConnection(URL, "steadfast", "steadfast")) {
            return connection.isValid(2);
        } catch (SQLException ex) {
            return false;
        }
    }
}
