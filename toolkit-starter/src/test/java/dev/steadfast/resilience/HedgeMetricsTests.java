package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.test.StepVerifier;

/** The meters of hedged calls count, per hedge instance, what happened to each call and its attempts. */
class HedgeMetricsTests {

    private ConfigurableApplicationContext context;

    private HedgedDependency dependency;

    private MeterRegistry meters;

    @AfterEach
    void close() {
        dependency.release();
        context.close();
    }

    @Test
    void aCallAnsweredByItsHedgeCountsTheHedgeTheWinnerAndTheCancelledFirstAttempt() throws Exception {
        start();
        assertThat(CompletableFuture.supplyAsync(this::slowFirst).get(10, TimeUnit.SECONDS))
                .isEqualTo("attempt 2");
        // The loser is cancelled as the call completes, possibly just after the caller has its answer.
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        count("steadfast.hedge.cancelled", "hedgedSync") == 1 && calls("hedgedSync", "hedge-won") == 1);
        assertThat(calls("hedgedSync", "first-won")).isZero();
        assertThat(count("steadfast.hedge.started", "hedgedSync")).isEqualTo(1);
        assertThat(count("steadfast.hedge.denied", "hedgedSync")).isZero();
        assertThat(meters.get("steadfast.hedge.delay")
                        .tag("name", "hedgedSync")
                        .timeGauge()
                        .value(TimeUnit.MILLISECONDS))
                .isEqualTo(20);
    }

    @Test
    void aHedgeTheBudgetDeniesIsCountedAndTheFirstAttemptWins() throws Exception {
        start(
                "steadfast.resilience.retry-budget.percent=0",
                "steadfast.resilience.retry-budget.min-retries-per-second=0");
        CompletableFuture<String> call = CompletableFuture.supplyAsync(this::slowFirst);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("steadfast.hedge.denied", "hedgedSync") == 1);
        dependency.release();
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> calls("hedgedSync", "first-won") == 1);
        assertThat(count("steadfast.hedge.started", "hedgedSync")).isZero();
        assertThat(count("steadfast.hedge.cancelled", "hedgedSync")).isZero();
    }

    @Test
    void aSubscriberThatCancelsIsCountedWithEveryAttemptItCancelled() {
        start();
        StepVerifier.create(dependency.monoNever())
                .expectSubscription()
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        // On a slow machine the hedge may have started before the cancellation: it is cancelled too.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> calls("hedgedNever", "cancelled") == 1
                        && count("steadfast.hedge.cancelled", "hedgedNever")
                                == 1 + count("steadfast.hedge.started", "hedgedNever"));
        assertThat(calls("hedgedNever", "first-won")
                        + calls("hedgedNever", "hedge-won")
                        + calls("hedgedNever", "failed"))
                .isZero();
    }

    private String slowFirst() {
        try {
            return dependency.slowFirst();
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private double calls(String name, String outcome) {
        var counter = meters.find("steadfast.hedge.calls")
                .tags("name", name, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double count(String meter, String name) {
        var counter = Search.in(meters).name(meter).tag("name", name).counter();
        return counter == null ? 0 : counter.count();
    }

    private void start(String... properties) {
        List<String> arguments =
                new ArrayList<>(List.of("spring.main.banner-mode=off", "spring.cloud.zookeeper.enabled=false"));
        arguments.addAll(List.of(properties));
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(arguments.stream().map(argument -> "--" + argument).toArray(String[]::new));
        dependency = context.getBean(HedgedDependency.class);
        meters = context.getBean(MeterRegistry.class);
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
