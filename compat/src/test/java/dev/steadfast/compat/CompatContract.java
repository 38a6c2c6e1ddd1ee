package dev.steadfast.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the application's annotated methods do, seen through HTTP and the Prometheus meters, whichever web stack
 * serves them and whichever of Steadfast's fast path or Resilience4j's aspects applies the annotations. Each test
 * uses its own instance names' meters, so the order of tests does not matter.
 */
abstract class CompatContract {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    /** Whether this suite runs with Steadfast's fast path on. */
    abstract boolean fastPath();

    @Test
    void theIntendedPathAppliesTheAnnotations() {
        assertThat(context.containsBean("steadfastResilienceAdvisor")).isEqualTo(fastPath());
        assertThat(context.getBeanNamesForType(CircuitBreakerAspect.class)).hasSize(fastPath() ? 0 : 1);
    }

    @Test
    void plainMethodRetriesThreeTimesInsideTheBreakerThenFallsBack() throws Exception {
        assertThat(get("/mvc/failure")).isEqualTo("Recovered: IOException");
        String metrics = get("/actuator/prometheus");
        assertThat(meter(metrics, "resilience4j_retry_calls_total", "kind=\"failed_with_retry\",name=\"backendA\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(meter(metrics, "resilience4j_circuitbreaker_calls_seconds_count", "kind=\"failed\",name=\"backendA\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void semaphoreBulkheadPassesASuccessfulCall() throws Exception {
        assertThat(get("/mvc/success")).isEqualTo("Hello World from backend A");
        assertThat(meter(
                        get("/actuator/prometheus"),
                        "resilience4j_bulkhead_max_allowed_concurrent_calls",
                        "name=\"backendA\""))
                .isEqualTo(10);
    }

    @Test
    void completableFutureOnAThreadPoolBulkheadTimesOutAfterOneSecondAndFallsBack() throws Exception {
        long started = System.nanoTime();
        assertThat(get("/mvc/future-timeout")).isEqualTo("Recovered: TimeoutException");
        // The method sleeps 5 s; the time limiter (1 s) must cut it short, with a wide margin for a loaded machine.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
        assertThat(meter(get("/actuator/prometheus"), "resilience4j_timelimiter_calls_total", "kind=\"timeout\",name=\"backendC\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void completableFutureRunsOnTheThreadPoolBulkhead() throws Exception {
        assertThat(get("/mvc/future-success")).startsWith("Hello from bulkhead-backendC-");
    }

    @Test
    void monoRetriesInsideTheBreakerThenFallsBack() throws Exception {
        assertThat(get("/reactive/mono-failure")).isEqualTo("Recovered: IOException");
        String metrics = get("/actuator/prometheus");
        assertThat(meter(metrics, "resilience4j_retry_calls_total", "kind=\"failed_with_retry\",name=\"backendB\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(meter(metrics, "resilience4j_circuitbreaker_calls_seconds_count", "kind=\"failed\",name=\"backendB\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void monoTimesOutAfterOneSecondAndFallsBack() throws Exception {
        assertThat(get("/reactive/mono-timeout")).isEqualTo("Recovered: TimeoutException");
        assertThat(meter(get("/actuator/prometheus"), "resilience4j_timelimiter_calls_total", "kind=\"timeout\",name=\"backendB\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void fluxPassesBreakerAndBulkhead() throws Exception {
        assertThat(get("/reactive/flux-success")).isEqualTo("HelloWorld");
        assertThat(meter(
                        get("/actuator/prometheus"),
                        "resilience4j_circuitbreaker_calls_seconds_count",
                        "kind=\"successful\",name=\"backendB\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void healthShowsBreakersButNoCheckpointsOrLeaderComponents() throws Exception {
        String health = get("/actuator/health");
        assertThat(health).contains("\"circuitBreakers\"");
        assertThat(health).doesNotContain("\"checkpoints\"").doesNotContain("\"leader\"");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of a meter that carry the labels, 0 when there are none. */
    private static double meter(String metrics, String name, String labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
