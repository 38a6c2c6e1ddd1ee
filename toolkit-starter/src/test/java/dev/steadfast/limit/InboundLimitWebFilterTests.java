package dev.steadfast.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.limit.ConcurrencyLimiter.Permit;
import dev.steadfast.limit.autoconfigure.ConcurrencyLimitAutoConfiguration;
import dev.steadfast.limit.autoconfigure.InboundLimitAutoConfiguration;
import dev.steadfast.limit.internal.AdaptiveLimiter;
import dev.steadfast.limit.internal.InboundLimitWebFilter;
import dev.steadfast.limit.internal.InboundRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebHandler;

/**
 * The WebFlux filter with a fixed limit of one: while the one permit is held, a request is shed with 503,
 * Retry-After and a problem document; the actuator, the probes and excluded paths still pass; critical requests keep
 * their share; each passing request frees its permit when it completes.
 */
class InboundLimitWebFilterTests {

    private static final WebHandler OK = exchange -> {
        exchange.getResponse().setStatusCode(HttpStatus.OK);
        return exchange.getResponse()
                .writeWith(reactor.core.publisher.Mono.just(
                        exchange.getResponse().bufferFactory().wrap("ok".getBytes(StandardCharsets.UTF_8))));
    };

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(ConcurrencyLimitAutoConfiguration.class, InboundLimitAutoConfiguration.class))
            .withPropertyValues(
                    "steadfast.resilience.inbound.enabled=true",
                    "steadfast.resilience.inbound.initial-limit=2",
                    "steadfast.resilience.inbound.min-limit=2",
                    "steadfast.resilience.inbound.max-limit=2",
                    "steadfast.resilience.inbound.status=429",
                    "steadfast.resilience.inbound.excluded-paths=/open/**",
                    "steadfast.resilience.inbound.priority-header=X-Priority",
                    "steadfast.resilience.inbound.priorities.critical.share=0.5",
                    "steadfast.resilience.inbound.priorities.critical.paths=/payments/**",
                    "steadfast.resilience.inbound.priorities.default.share=0.5");

    @Test
    void shedsOverTheLimitButNeverExcludedPathsAndCriticalTrafficKeepsItsShare() {
        runner.run(context -> {
            @SuppressWarnings("unchecked")
            AdaptiveLimiter<InboundRequest> limiter = context.getBean("steadfastInboundLimiter", AdaptiveLimiter.class);
            WebTestClient client = WebTestClient.bindToWebHandler(OK)
                    .webFilter(context.getBean(InboundLimitWebFilter.class))
                    .build();
            client.get().uri("/orders").exchange().expectStatus().isOk();
            assertThat(limiter.inflight())
                    .as("a completed request frees its permit")
                    .isZero();

            InboundRequest ordinary = new InboundRequest(PathContainer.parsePath("/orders"), null);
            Permit first = limiter.acquire(ordinary).orElseThrow();
            Permit second = limiter.acquire(ordinary).orElseThrow();

            client.get()
                    .uri("/orders")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .valueEquals("Retry-After", "1")
                    .expectHeader()
                    .contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(429)
                    .jsonPath("$.title")
                    .isEqualTo("Too Many Requests");
            client.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.get().uri("/livez").exchange().expectStatus().isOk();
            client.get().uri("/open/anything").exchange().expectStatus().isOk();
            client.get().uri("/payments/1").exchange().expectStatus().isOk();
            client.get()
                    .uri("/orders")
                    .header("X-Priority", "critical")
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(limiter.rejected("default")).isEqualTo(1);
            assertThat(limiter.rejected("critical")).isZero();

            first.succeeded();
            second.succeeded();
            client.get().uri("/orders").exchange().expectStatus().isOk();
            assertThat(limiter.inflight()).isZero();
        });
    }
}
