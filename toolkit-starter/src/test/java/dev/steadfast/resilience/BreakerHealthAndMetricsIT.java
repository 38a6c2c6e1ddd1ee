package dev.steadfast.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Breaker health belongs to readiness only, and every pattern reaches Micrometer under Resilience4j's names. */
@SpringBootTest(
        classes = PaymentClientTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.zookeeper.enabled=false",
            "server.address=127.0.0.1",
            "management.endpoint.health.show-details=always",
            "resilience4j.circuitbreaker.instances.optIn.allow-health-indicator-to-fail=true"
        })
class BreakerHealthAndMetricsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Autowired
    private PaymentClient client;

    @Autowired
    private WireMockServer dependency;

    @Autowired
    private MeterRegistry meters;

    @Test
    void openBreakerShowsInReadinessButNeverTakesTheServiceDownOrIntoLiveness() throws Exception {
        CircuitBreaker breaker = breakers.circuitBreaker("tolerated");
        breaker.transitionToOpenState();
        try {
            HttpResponse<String> readiness = health("/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            JsonNode readinessBody = JSON.readTree(readiness.body());
            assertThat(readinessBody.path("status").asString()).isEqualTo("UP");
            assertThat(readinessBody
                            .at("/components/circuitBreakers/details/tolerated/status")
                            .asString())
                    .isEqualTo("CIRCUIT_OPEN");

            HttpResponse<String> liveness = health("/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(liveness.body()).path("components").has("circuitBreakers"))
                    .isFalse();
            assertThat(health("").statusCode()).isEqualTo(200);
        } finally {
            breaker.transitionToClosedState();
        }
    }

    @Test
    void optedInBreakerTakesReadinessDownButNeverLiveness() throws Exception {
        CircuitBreaker breaker = breakers.circuitBreaker("optIn");
        breaker.transitionToOpenState();
        try {
            HttpResponse<String> readiness = health("/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).path("status").asString())
                    .isEqualTo("DOWN");
            assertThat(health("/liveness").statusCode()).isEqualTo(200);
        } finally {
            breaker.transitionToClosedState();
        }
    }

    @Test
    void everyPatternReachesMicrometerUnderResilience4jNames() throws Exception {
        dependency.stubFor(get("/metered").willReturn(aResponse().withBody("ok")));
        assertThat(client.metered()).isEqualTo("ok");
        assertThat(client.meteredAsync().get(10, TimeUnit.SECONDS)).isEqualTo("ok");

        assertThat(meters.get("resilience4j.circuitbreaker.calls")
                        .tag("name", "metered")
                        .tag("kind", "successful")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.state")
                        .tag("name", "metered")
                        .gauges())
                .isNotEmpty();
        assertThat(meters.get("resilience4j.retry.calls")
                        .tag("name", "metered")
                        .tag("kind", "successful_without_retry")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls")
                        .tag("name", "metered")
                        .gauge()
                        .value())
                .isEqualTo(25);
        assertThat(meters.get("resilience4j.timelimiter.calls")
                        .tag("name", "metered")
                        .tag("kind", "successful")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private HttpResponse<String> health(String group) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health" + group))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
