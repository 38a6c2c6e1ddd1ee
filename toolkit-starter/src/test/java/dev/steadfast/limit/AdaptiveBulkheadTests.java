package dev.steadfast.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steadfast.limit.internal.ConcurrencyLimiters;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.test.StepVerifier;

/**
 * Adaptive bulkheads through the fast path, on a clock the test moves: a call over the limit is refused at once
 * with Resilience4j's {@link BulkheadFullException} (so a fallback takes it), and Gradient2's limit rises while the
 * calls' latency stays flat and falls when it grows.
 */
class AdaptiveBulkheadTests {

    private static final AtomicLong clock = new AtomicLong();

    private static ConfigurableApplicationContext context;

    private static AdaptiveCalls calls;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.cloud.zookeeper.enabled=false",
                        "steadfast.resilience.bulkhead.instances.tight.adaptive.enabled=true",
                        "steadfast.resilience.bulkhead.instances.tight.adaptive.initial-limit=2",
                        "steadfast.resilience.bulkhead.instances.tight.adaptive.min-limit=2",
                        "steadfast.resilience.bulkhead.instances.tight.adaptive.max-limit=2",
                        "steadfast.resilience.bulkhead.instances.moving.adaptive.enabled=true",
                        "steadfast.resilience.bulkhead.instances.moving.adaptive.initial-limit=10",
                        "steadfast.resilience.bulkhead.instances.moving.adaptive.min-limit=2",
                        "steadfast.resilience.bulkhead.instances.moving.adaptive.max-limit=100")
                .run();
        calls = context.getBean(AdaptiveCalls.class);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void refusesACallOverTheLimitAtOnceWithBulkheadFullExceptionAndItsFallbackAnswers() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> held1 = calls.holdTight(first);
        CompletableFuture<String> held2 = calls.holdTight(second);

        assertThatThrownBy(calls::tight)
                .isInstanceOf(BulkheadFullException.class)
                .hasMessageContaining("'tight'");
        assertThat(calls.tightWithFallback()).isEqualTo("fallback:tight");
        StepVerifier.create(calls.tightMono())
                .expectError(BulkheadFullException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(calls.holdTight(new CompletableFuture<>()))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(Exception.class)
                .withCauseInstanceOf(BulkheadFullException.class);

        first.complete("done");
        second.complete("done");
        assertThat(held1).isCompletedWithValue("done");
        assertThat(held2).isCompletedWithValue("done");
        assertThat(calls.tight()).isEqualTo("called");
        StepVerifier.create(calls.tightMono()).expectNext("called").verifyComplete();
        assertThat(limiter("tight").inflight()).isZero();
    }

    @Test
    void adaptiveInstancesAreNotResilience4jSemaphoreBulkheads() {
        assertThat(context.getBean(BulkheadRegistry.class).find("tight")).isEmpty();
    }

    @Test
    void raisesTheLimitWhileLatencyStaysFlatAndLowersItWhenLatencyGrows() {
        ConcurrencyLimiter moving = limiter("moving");
        int initial = moving.limit();
        rounds(moving, 20, Duration.ofMillis(10));
        int raised = moving.limit();
        assertThat(raised).as("limit after flat latency").isGreaterThan(initial);

        rounds(moving, 5, Duration.ofMillis(200));
        assertThat(moving.limit()).as("limit after latency grew twentyfold").isLessThan(raised);
    }

    /** Rounds of as many concurrent calls as the limit allows, each taking {@code latency} on the test's clock. */
    private static void rounds(ConcurrencyLimiter limiter, int rounds, Duration latency) {
        for (int round = 0; round < rounds; round++) {
            List<CompletableFuture<String>> completions = new ArrayList<>();
            int limit = limiter.limit();
            for (int i = 0; i < limit; i++) {
                CompletableFuture<String> completion = new CompletableFuture<>();
                calls.holdMoving(completion);
                completions.add(completion);
            }
            clock.addAndGet(latency.toNanos());
            completions.forEach(completion -> completion.complete("done"));
        }
    }

    private static ConcurrencyLimiter limiter(String name) {
        return context.getBean(AdaptiveBulkheads.class).forInstance(name).orElseThrow();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        ConcurrencyLimiters steadfastConcurrencyLimiters() {
            return new ConcurrencyLimiters(clock::get);
        }

        @Bean
        AdaptiveCalls adaptiveCalls() {
            return new AdaptiveCalls();
        }
    }
}
