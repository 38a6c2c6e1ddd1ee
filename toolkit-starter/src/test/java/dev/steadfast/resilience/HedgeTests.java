package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.resilience.internal.HedgeDelays;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/** Hedged requests: the first success wins, the loser is cancelled, and hedges draw from the retry budget. */
class HedgeTests {

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        context.getBean(HedgedDependency.class).release();
        context.close();
    }

    @Test
    void aSlowSynchronousCallIsAnsweredByItsHedgeAndTheFirstAttemptIsInterrupted() throws Exception {
        HedgedDependency dependency = start().getBean(HedgedDependency.class);
        assertThat(within10s(dependency::slowFirst)).isEqualTo("attempt 2");
        assertThat(dependency.syncAttempts()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(dependency::firstInterrupted);
    }

    @Test
    void aSlowCompletionStageIsAnsweredByItsHedgeAndTheFirstIsCancelled() throws Exception {
        HedgedDependency dependency = start().getBean(HedgedDependency.class);
        assertThat(dependency.futureSlowFirst().get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(dependency.futureAttempts()).isEqualTo(2);
        assertThat(dependency.firstFuture()).isCancelled();
    }

    @Test
    void aSlowMonoIsAnsweredByItsHedgeWithTheSubscribersContextAndTheFirstSubscriptionIsCancelled() {
        HedgedDependency dependency = start().getBean(HedgedDependency.class);
        Mono<String> call = dependency.monoSlowFirst().contextWrite(Context.of("user", "alice"));
        assertThat(dependency.monoAttempts())
                .as("nothing runs before a subscription")
                .isZero();
        assertThat(call.block(Duration.ofSeconds(10))).isEqualTo("attempt 2 for alice");
        // The loser is cancelled as the call completes, possibly just after the subscriber has its answer.
        await().atMost(Duration.ofSeconds(10)).until(dependency::firstMonoCancelled);
        // Each subscription is a hedged call of its own (a retry operator outside resubscribes).
        assertThat(call.block(Duration.ofSeconds(10))).isEqualTo("attempt 4 for alice");
        assertThat(dependency.monoAttempts()).isEqualTo(4);
    }

    @Test
    void cancellingAHedgedMonoCancelsEveryAttempt() {
        HedgedDependency dependency = start().getBean(HedgedDependency.class);
        StepVerifier.create(dependency.monoSlowFirst().contextWrite(Context.of("user", "bob")))
                .expectSubscription()
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(dependency::firstMonoCancelled);
        assertThat(dependency.monoAttempts()).isEqualTo(1);
    }

    @Test
    void hedgesSitInsideTheCircuitBreakerWhichSeesOneCallPerHedgedCall() throws Exception {
        ConfigurableApplicationContext context = start();
        HedgedDependency dependency = context.getBean(HedgedDependency.class);
        assertThat(within10s(dependency::behindBreaker)).isEqualTo("attempt 2");
        var metrics = context.getBean(CircuitBreakerRegistry.class)
                .circuitBreaker("hedgedBreaker")
                .getMetrics();
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aHedgeTheRetryBudgetDeniesDoesNotStartAndTheFirstAttemptDecides() throws Exception {
        ConfigurableApplicationContext context = start(
                "steadfast.resilience.retry-budget.percent=0",
                "steadfast.resilience.retry-budget.min-retries-per-second=0");
        HedgedDependency dependency = context.getBean(HedgedDependency.class);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try {
                return dependency.slowFirst();
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> denied(meters, "hedgedSync") == 1);
        dependency.release();
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(dependency.syncAttempts()).isEqualTo(1);
    }

    @Test
    void aDelayFromThePercentileOfRecentLatenciesReplacesTheFixedDelayOnceThereAreEnoughSamples() throws Exception {
        ConfigurableApplicationContext context = start(
                "steadfast.resilience.hedge.instances.adaptive.delay-percentile=95",
                "steadfast.resilience.hedge.instances.adaptive.min-samples=20",
                "steadfast.resilience.hedge.instances.adaptive.min-delay=1ms",
                "steadfast.resilience.hedge.instances.adaptive.max-delay=2s");
        HedgedDependency dependency = context.getBean(HedgedDependency.class);
        HedgeDelays delays = context.getBean(HedgeDelays.class);
        // Fast calls until the percentile (recomputed at most every 100 ms) has replaced the fixed hour.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dependency.adaptive(false);
            return delays.percentileDelay("adaptive") != null;
        });
        assertThat(delays.percentileDelay("adaptive")).isLessThan(Duration.ofSeconds(2));
        dependency.resetAdaptiveAttempts();
        // The first attempt hangs: without the percentile, its hedge would wait an hour and the call would time out.
        assertThat(within10s(() -> dependency.adaptive(true))).isEqualTo("attempt 2");
    }

    @Test
    void hedgesBeyondTheExtraLoadLimitDoNotStart() throws Exception {
        ConfigurableApplicationContext context = start(
                "steadfast.resilience.hedge.instances.alwaysSlow.max-extra-load=10",
                // A retry budget that would let every call hedge: what stops them here is the limit.
                "steadfast.resilience.retry-budget.percent=100",
                "steadfast.resilience.retry-budget.min-retries-per-second=1000");
        HedgedDependency dependency = context.getBean(HedgedDependency.class);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        for (int call = 0; call < 40; call++) {
            assertThat(within10s(dependency::alwaysSlow)).isEqualTo("slow");
        }
        // 10 % of 40 calls, plus the reserve of one hedge per second of the 10 s window.
        assertThat(hedges(meters, "steadfast.hedge.started", "alwaysSlow")).isBetween(1.0, 14.0);
        assertThat(hedges(meters, "steadfast.hedge.denied", "alwaysSlow")).isGreaterThanOrEqualTo(26.0);
        assertThat(denied(meters, "alwaysSlow")).isZero();
    }

    /** Calls on another thread, so that a first attempt left hanging (no hedge) fails the test instead of hanging it. */
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

    private static double hedges(MeterRegistry meters, String meter, String name) {
        var counter = meters.find(meter).tag("name", name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double denied(MeterRegistry meters, String name) {
        var counter =
                meters.find("steadfast.retry.budget.denied").tag("name", name).counter();
        return counter == null ? 0 : counter.count();
    }

    private ConfigurableApplicationContext start(String... properties) {
        List<String> arguments =
                new ArrayList<>(List.of("spring.main.banner-mode=off", "spring.cloud.zookeeper.enabled=false"));
        arguments.addAll(List.of(properties));
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(arguments.stream().map(argument -> "--" + argument).toArray(String[]::new));
        return context;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        HedgedDependency hedgedDependency() {
            return new HedgedDependency();
        }
    }
}
