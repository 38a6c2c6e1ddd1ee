package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Where {@code @Hedge} sits among Resilience4j's annotations, served by the fast path ({@link HedgeOrderWithFastPathTests}) and
 * by Resilience4j's own aspects ({@link HedgeOrderWithAspectsTests}) alike: inside the circuit breaker, the retry and the
 * bulkhead, each of which sees one call per hedged call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HedgeOrderContract {

    private ConfigurableApplicationContext context;
    private OrderedHedges hedges;

    abstract boolean fastPath();

    @BeforeAll
    void start() {
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.cloud.zookeeper.enabled=false",
                        "steadfast.resilience.fast-path.enabled=" + fastPath(),
                        "resilience4j.retry.instances.orderRetry.wait-duration=10ms",
                        "resilience4j.bulkhead.instances.orderBulkhead.max-concurrent-calls=1")
                .run();
        hedges = context.getBean(OrderedHedges.class);
    }

    @AfterAll
    void stop() {
        hedges.release();
        context.close();
    }

    @Test
    void theCircuitBreakerSeesOneSuccessfulCallPerHedgedCall() throws Exception {
        assertThat(within10s(hedges::breaker)).isEqualTo("attempt 2");
        var metrics = context.getBean(CircuitBreakerRegistry.class)
                .circuitBreaker("orderBreaker")
                .getMetrics();
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aRetryRepeatsTheWholeHedgedCallOnceAllItsAttemptsHaveFailed() throws Exception {
        assertThat(within10s(hedges::retried)).isEqualTo("attempt 3");
        assertThat(hedges.retryAttempts()).isEqualTo(3);
        var metrics = context.getBean(RetryRegistry.class).retry("orderRetry").getMetrics();
        assertThat(metrics.getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
    }

    @Test
    void aHedgeTakesNoBulkheadPermitOfItsOwn() throws Exception {
        assertThat(within10s(hedges::bulkhead)).isEqualTo("attempt 2");
        var bulkhead = context.getBean(BulkheadRegistry.class).bulkhead("orderBulkhead");
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    /** Calls on another thread, so that an attempt left hanging fails the test instead of hanging it. */
    private static String within10s(Callable<String> call) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return call.call();
                    } catch (Exception ex) {
                        throw new CompletionException(ex);
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        OrderedHedges orderedHedges() {
            return new OrderedHedges();
        }
    }
}
