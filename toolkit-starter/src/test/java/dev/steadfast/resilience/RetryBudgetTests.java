package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Retry budgets on every path that drives a Resilience4j retry: synchronous, {@code CompletableFuture} and
 * {@code Mono}, served by the fast path and by Resilience4j's aspects. The budget (50 %, no reserve, a window far
 * longer than the test) pays one retry for every two calls, so 20 calls that always fail reach the dependency 30
 * times, where plain Resilience4j (3 attempts each) reaches it 60 times.
 */
class RetryBudgetTests {

    private static final int CALLS = 20;

    private static ConfigurableApplicationContext fastPath;
    private static ConfigurableApplicationContext aspects;
    private static ConfigurableApplicationContext unbudgeted;

    @BeforeAll
    static void startContexts() {
        fastPath = start();
        aspects = start("steadfast.resilience.fast-path.enabled=false");
        unbudgeted = start("steadfast.resilience.retry-budget.enabled=false");
    }

    @AfterAll
    static void closeContexts() {
        fastPath.close();
        aspects.close();
        unbudgeted.close();
    }

    static Stream<String> paths() {
        return Stream.of("fastPath", "aspects");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void budgetDeniesRetriesBeyondItsShareAndTheCallFailsWithItsOwnFailure(String path) {
        ConfigurableApplicationContext context = context(path);
        BudgetedDependency dependency = context.getBean(BudgetedDependency.class);
        for (int i = 0; i < CALLS; i++) {
            assertThatThrownBy(dependency::sync).isInstanceOf(IOException.class).hasMessage("connection refused");
        }
        assertThat(dependency.syncAttempts()).isEqualTo(CALLS + CALLS / 2);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        // Every other call's first retry is paid; each call ends with one retry denied.
        assertThat(meters.get("steadfast.retry.budget.denied")
                        .tag("name", "budgetedSync")
                        .counter()
                        .count())
                .isEqualTo(CALLS);
        assertThat(meters.get("steadfast.retry.budget.available")
                        .tag("name", "budgetedSync")
                        .gauge()
                        .value())
                .isZero();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void budgetLimitsRetriesOfCompletableFutures(String path) {
        BudgetedDependency dependency = context(path).getBean(BudgetedDependency.class);
        for (int i = 0; i < CALLS; i++) {
            assertThatThrownBy(() -> dependency.future().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
        }
        assertThat(dependency.futureAttempts()).isEqualTo(CALLS + CALLS / 2);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void budgetLimitsRetriesOfMonos(String path) {
        BudgetedDependency dependency = context(path).getBean(BudgetedDependency.class);
        for (int i = 0; i < CALLS; i++) {
            assertThatThrownBy(() -> dependency.mono().block(Duration.ofSeconds(10)))
                    .hasRootCauseInstanceOf(IOException.class);
        }
        assertThat(dependency.monoAttempts()).isEqualTo(CALLS + CALLS / 2);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void callsDepositIntoTheBudgetOfTheirOwnRetryInstanceOnly(String path) {
        ConfigurableApplicationContext context = context(path);
        BudgetedDependency dependency = context.getBean(BudgetedDependency.class);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        // The meters of an instance appear with its first call; two calls leave whole retries in each budget.
        dependency.succeed();
        dependency.succeed();
        dependency.succeedElsewhere();
        dependency.succeedElsewhere();
        double here = available(meters, "budgetedOk");
        double elsewhere = available(meters, "budgetedElsewhere");
        for (int i = 0; i < 4; i++) {
            dependency.succeed();
        }
        assertThat(available(meters, "budgetedOk")).isEqualTo(here + 2);
        assertThat(available(meters, "budgetedElsewhere")).isEqualTo(elsewhere);
    }

    private static double available(MeterRegistry meters, String name) {
        return meters.get("steadfast.retry.budget.available")
                .tag("name", name)
                .gauge()
                .value();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void withoutTheBudgetEveryCallRetriesToItsMaximum(String path) {
        BudgetedDependency dependency = unbudgeted.getBean(BudgetedDependency.class);
        int before = dependency.syncAttempts();
        for (int i = 0; i < CALLS; i++) {
            assertThatThrownBy(dependency::sync).isInstanceOf(IOException.class);
        }
        assertThat(dependency.syncAttempts() - before).isEqualTo(3 * CALLS);
        assertThat(unbudgeted
                        .getBean(MeterRegistry.class)
                        .find("steadfast.retry.budget.denied")
                        .counter())
                .isNull();
    }

    private static ConfigurableApplicationContext context(String path) {
        return path.equals("fastPath") ? fastPath : aspects;
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "spring.main.banner-mode=off",
                "spring.cloud.zookeeper.enabled=false",
                "steadfast.resilience.retry.wait-duration=1ms",
                "steadfast.resilience.retry.randomized-wait-factor=0",
                "steadfast.resilience.retry-budget.percent=50",
                "steadfast.resilience.retry-budget.min-retries-per-second=0",
                "steadfast.resilience.retry-budget.window=1h"));
        arguments.addAll(List.of(properties));
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(arguments.stream().map(argument -> "--" + argument).toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        BudgetedDependency budgetedDependency() {
            return new BudgetedDependency();
        }
    }
}
