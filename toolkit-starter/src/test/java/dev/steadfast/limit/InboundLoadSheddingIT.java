package dev.steadfast.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.limit.internal.AdaptiveLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound load shedding on a real Tomcat: with a fixed limit of two held by slow requests, a further request is
 * answered at once with 503, Retry-After and a problem document while the two still run; the actuator, the probes
 * and the configured paths still answer; critical traffic (by path or header) keeps its share; the meters show it.
 */
class InboundLoadSheddingIT {

    private static final CountDownLatch release = new CountDownLatch(1);

    private static final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext context;

    private static String base;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(TestApplication.class)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.cloud.zookeeper.enabled=false",
                        "server.port=0",
                        "management.endpoints.web.exposure.include=health,prometheus",
                        "management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.probes.add-additional-paths=true",
                        "steadfast.resilience.inbound.enabled=true",
                        "steadfast.resilience.inbound.initial-limit=2",
                        "steadfast.resilience.inbound.min-limit=2",
                        "steadfast.resilience.inbound.max-limit=2",
                        "steadfast.resilience.inbound.retry-after=2s",
                        "steadfast.resilience.inbound.excluded-paths=/open/**",
                        "steadfast.resilience.inbound.priority-header=X-Priority",
                        "steadfast.resilience.inbound.priorities.critical.share=0.5",
                        "steadfast.resilience.inbound.priorities.critical.paths=/payments/**",
                        "steadfast.resilience.inbound.priorities.default.share=0.5",
                        "steadfast.resilience.bulkhead.instances.payments.adaptive.enabled=true")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void close() {
        release.countDown();
        context.close();
    }

    @Test
    void shedsAtOnceOverTheLimitButNeverTheActuatorProbesOrExcludedPathsAndCriticalTrafficKeepsItsShare()
            throws Exception {
        @SuppressWarnings("unchecked")
        AdaptiveLimiter<?> limiter = context.getBean("steadfastInboundLimiter", AdaptiveLimiter.class);
        List<CompletableFuture<HttpResponse<String>>> slow =
                List.of(sendAsync("/slow", null), sendAsync("/slow", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inflight() == 2);

        HttpResponse<String> shed = get("/quick", null);
        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(shed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(shed.body()).contains("\"status\":503").contains("\"title\":\"Service Unavailable\"");
        assertThat(slow).noneMatch(CompletableFuture::isDone);

        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
        assertThat(get("/livez", null).statusCode()).isEqualTo(200);
        assertThat(get("/open/quick", null).statusCode()).isEqualTo(200);
        assertThat(get("/payments/quick", null).statusCode())
                .as("critical by path")
                .isEqualTo(200);
        assertThat(get("/quick", "critical").statusCode())
                .as("critical by header")
                .isEqualTo(200);
        assertThat(get("/quick", "no-such-priority").statusCode())
                .as("unknown header value")
                .isEqualTo(503);

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> response : slow) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inflight() == 0);
        assertThat(get("/quick", null).statusCode()).isEqualTo(200);

        String metrics = get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .contains("steadfast_limiter_limit{kind=\"inbound\",name=\"inbound\"} 2")
                .contains("steadfast_limiter_inflight{kind=\"inbound\",name=\"inbound\"}")
                .contains("steadfast_limiter_rejected_total{kind=\"inbound\",name=\"inbound\",priority=\"default\"} 2")
                .contains("steadfast_limiter_rejected_total{kind=\"inbound\",name=\"inbound\",priority=\"critical\"} 0")
                .contains("steadfast_limiter_rtt_seconds_count{kind=\"inbound\",name=\"inbound\"}")
                .contains("steadfast_limiter_limit{kind=\"bulkhead\",name=\"payments\"} 20")
                .contains("steadfast_limiter_rejected_total{kind=\"bulkhead\",name=\"payments\",priority=\"none\"} 0");
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(String path, String priority) {
        return http.sendAsync(request(path, priority), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String priority) throws IOException, InterruptedException {
        return http.send(request(path, priority), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String priority) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (priority != null) {
            builder.header("X-Priority", priority);
        }
        return builder.build();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Endpoints.class)
    static class TestApplication {}

    @RestController
    static class Endpoints {

        @GetMapping("/slow")
        String slow() throws InterruptedException {
            return release.await(20, TimeUnit.SECONDS) ? "done" : "timed out";
        }

        @GetMapping({"/quick", "/open/quick", "/payments/quick"})
        String quick() {
            return "ok";
        }
    }
}
