package dev.steadfast.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/** The starter's defaults and aspect order, end to end: annotated bean, Boot's RestClient, a WireMock dependency. */
@SpringBootTest(
        classes = PaymentClientTestApplication.class,
        properties = {
            "spring.cloud.zookeeper.enabled=false",
            "steadfast.resilience.retry.wait-duration=20ms",
            "steadfast.resilience.retry.max-wait-duration=50ms",
            "steadfast.resilience.circuit-breaker.sliding-window-size=4",
            "steadfast.resilience.circuit-breaker.minimum-number-of-calls=4",
            "steadfast.resilience.circuit-breaker.wait-duration-in-open-state=60s",
            "steadfast.resilience.http-client.read-timeout=1s",
            "steadfast.resilience.time-limiter.timeout-duration=300ms",
            "resilience4j.bulkhead.instances.limited.max-concurrent-calls=2"
        })
class ResilientCallsIT {

    @Autowired
    private WireMockServer dependency;

    @Autowired
    private PaymentClient client;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Autowired
    private BulkheadRegistry bulkheads;

    @BeforeEach
    void resetDependency() {
        dependency.resetAll();
    }

    @Test
    void failingDependencyOpensTheBreakerAndTheFallbackAnswers() {
        dependency.stubFor(get("/breaker").willReturn(aResponse().withStatus(500)));
        for (int call = 0; call < 4; call++) {
            assertThat(client.breaker()).isEqualTo("fallback after InternalServerError");
        }
        assertThat(breakers.circuitBreaker("breaker").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThat(client.breaker()).isEqualTo("fallback after CallNotPermittedException");
        dependency.verify(4, getRequestedFor(urlEqualTo("/breaker")));
    }

    @Test
    void transient503sAreRetriedThenSucceedAsOneBreakerOutcome() {
        dependency.stubFor(get("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("second"));
        dependency.stubFor(get("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("third"));
        dependency.stubFor(get("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("third")
                .willReturn(aResponse().withBody("paid")));

        assertThat(client.flaky()).isEqualTo("paid");

        dependency.verify(3, getRequestedFor(urlEqualTo("/flaky")));
        CircuitBreaker.Metrics metrics = breakers.circuitBreaker("flaky").getMetrics();
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
    }

    @Test
    void tooManyRequestsIsRetried() {
        dependency.stubFor(get("/throttled")
                .inScenario("throttled")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429))
                .willSetStateTo("open"));
        dependency.stubFor(get("/throttled")
                .inScenario("throttled")
                .whenScenarioStateIs("open")
                .willReturn(aResponse().withBody("ok")));

        assertThat(client.throttled()).isEqualTo("ok");
        dependency.verify(2, getRequestedFor(urlEqualTo("/throttled")));
    }

    @Test
    void badRequestIsNotRetried() {
        dependency.stubFor(get("/bad").willReturn(aResponse().withStatus(400)));

        assertThatExceptionOfType(HttpClientErrorException.BadRequest.class).isThrownBy(client::bad);
        dependency.verify(1, getRequestedFor(urlEqualTo("/bad")));
    }

    @Test
    void breakerCountsLogicalCallsAndAnOpenBreakerStopsRetriesBeforeTheyStart() {
        dependency.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
        for (int call = 0; call < 4; call++) {
            assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
                    .isThrownBy(client::down);
        }
        dependency.verify(12, getRequestedFor(urlEqualTo("/down")));
        CircuitBreaker breaker = breakers.circuitBreaker("down");
        // Four logical calls of three attempts each are four breaker failures, not twelve.
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(client::down);
        dependency.verify(12, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void bulkheadRejectsCallsOverItsLimit() throws Exception {
        dependency.stubFor(get("/limited").willReturn(aResponse().withBody("ok")));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> client.limited(release));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> client.limited(release));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bulkheads.bulkhead("limited").getMetrics().getAvailableConcurrentCalls() == 0);

        assertThatExceptionOfType(BulkheadFullException.class).isThrownBy(() -> client.limited(release));

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        dependency.verify(2, getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void slowSynchronousCallTimesOutAtTheClientReadTimeout() {
        dependency.stubFor(get("/slow").willReturn(aResponse().withBody("late").withFixedDelay(3_000)));

        assertThatExceptionOfType(ResourceAccessException.class)
                .isThrownBy(client::slowSync)
                .satisfies(failure -> assertThat(NestedExceptionUtils.getRootCause(failure))
                        .isInstanceOf(IOException.class)
                        .extracting(cause -> cause.getClass().getSimpleName())
                        .asString()
                        .contains("Timeout"));
    }

    @Test
    void slowAsynchronousCallTimesOutAtTheTimeLimit() {
        dependency.stubFor(get("/slow").willReturn(aResponse().withBody("late").withFixedDelay(3_000)));

        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> client.slowAsync().get(10, TimeUnit.SECONDS))
                .withCauseInstanceOf(TimeoutException.class);
    }
}
