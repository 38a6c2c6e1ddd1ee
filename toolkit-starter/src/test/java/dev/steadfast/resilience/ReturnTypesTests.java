package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.test.StepVerifier;

/**
 * Mono, Flux, RxJava 3, {@code CompletableFuture} with a time limiter and a thread-pool bulkhead: the same
 * behaviour with Steadfast's fast path (the default) and with Resilience4j's own aspects, in Steadfast's order
 * (the breaker outside the retry: one logical call, three attempts, one breaker outcome).
 */
class ReturnTypesTests {

    private static ConfigurableApplicationContext fastPath;

    private static ConfigurableApplicationContext aspects;

    @BeforeAll
    static void startContexts() {
        fastPath = start();
        aspects = start("steadfast.resilience.fast-path.enabled=false");
    }

    @AfterAll
    static void closeContexts() {
        fastPath.close();
        aspects.close();
    }

    static Stream<String> paths() {
        return Stream.of("fastPath", "aspects");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void retriesAFailingMonoInsideTheBreakerAndFallsBack(String path) {
        ConfigurableApplicationContext context = context(path);
        ReturnTypes bean = context.getBean(ReturnTypes.class);
        StepVerifier.create(bean.failingMono())
                .expectNext("fallback:IOException")
                .verifyComplete();
        assertThat(bean.monoSubscriptions()).isEqualTo(3);
        assertThat(breakerFailures(context, "reactive")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void retriesAFailingFluxInsideTheBreaker(String path) {
        ConfigurableApplicationContext context = context(path);
        ReturnTypes bean = context.getBean(ReturnTypes.class);
        StepVerifier.create(bean.failingFlux())
                .expectNext("a", "a", "a")
                .expectError(IOException.class)
                .verify(Duration.ofSeconds(10));
        assertThat(bean.fluxSubscriptions()).isEqualTo(3);
        assertThat(breakerFailures(context, "reactiveFlux")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void retriesAFailingRxJavaSingleInsideTheBreaker(String path) {
        ConfigurableApplicationContext context = context(path);
        ReturnTypes bean = context.getBean(ReturnTypes.class);
        assertThatThrownBy(() -> bean.failingSingle().blockingGet()).hasCauseInstanceOf(IOException.class);
        assertThat(bean.singleSubscriptions()).isEqualTo(3);
        assertThat(breakerFailures(context, "rx")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void timeLimitsMonoFluxAndCompletableFutureAndFallsBack(String path) throws Exception {
        ReturnTypes bean = context(path).getBean(ReturnTypes.class);
        StepVerifier.create(bean.slowMono())
                .expectNext("fallback:TimeoutException")
                .verifyComplete();
        StepVerifier.create(bean.slowFlux())
                .expectNext("first", "fallback:TimeoutException")
                .verifyComplete();
        assertThat(bean.slowFuture().get(10, TimeUnit.SECONDS)).isEqualTo("fallback:TimeoutException");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void runsThreadPoolBulkheadCallsOnTheBulkheadsThreadsAndRejectsWhenFull(String path) throws Exception {
        ReturnTypes bean = context(path).getBean(ReturnTypes.class);
        // One thread and a queue of one: the third call finds the bulkhead full.
        CompletableFuture<String> running = bean.onPool();
        CompletableFuture<String> queued = bean.onPool();
        CompletableFuture<String> rejected = bean.onPool();
        assertThatThrownBy(() -> rejected.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BulkheadFullException.class);
        bean.release();
        assertThat(List.of(running.get(10, TimeUnit.SECONDS), queued.get(10, TimeUnit.SECONDS)))
                .allSatisfy(thread -> assertThat(thread).startsWith("bulkhead-pool-"));
    }

    private static long breakerFailures(ConfigurableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class)
                .circuitBreaker(name)
                .getMetrics()
                .getNumberOfFailedCalls();
    }

    private static ConfigurableApplicationContext context(String path) {
        return path.equals("fastPath") ? fastPath : aspects;
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "spring.main.banner-mode=off",
                "spring.cloud.zookeeper.enabled=false",
                "resilience4j.retry.instances.reactive.max-attempts=3",
                "resilience4j.retry.instances.reactive.wait-duration=1ms",
                "resilience4j.retry.instances.reactive.enable-exponential-backoff=false",
                "resilience4j.retry.instances.reactive.enable-randomized-wait=false",
                "resilience4j.timelimiter.instances.slow.timeout-duration=200ms",
                "resilience4j.thread-pool-bulkhead.instances.pool.core-thread-pool-size=1",
                "resilience4j.thread-pool-bulkhead.instances.pool.max-thread-pool-size=1",
                "resilience4j.thread-pool-bulkhead.instances.pool.queue-capacity=1"));
        arguments.addAll(List.of(properties));
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(arguments.stream().map(argument -> "--" + argument).toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ReturnTypes returnTypes() {
            return new ReturnTypes();
        }
    }
}
