package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A {@code @Retry} around a {@code @Hedge} of the same name shares one retry budget with it, as documented: the
 * logical call deposits once for the retry and each hedged call (the retry's too) once more, each hedge and each retry
 * withdraws one. With a budget of 100 % (one retry per deposit), no reserve and a window far longer than the test,
 * the counts are exact: deposits 1 + 1, hedge -1, retry -1, deposit +1, hedge -1 leave nothing.
 */
class RetryAroundHedgeBudgetTests {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRetryAndTheHedgesOfItsHedgedCallsDrawFromTheSameBudget(boolean fastPath) {
        try (ConfigurableApplicationContext context = start(fastPath)) {
            PairedAttempts dependency = context.getBean(PairedAttempts.class);
            assertThatExceptionOfType(IOException.class).isThrownBy(dependency::call);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(dependency.attempts())
                    .as("two hedged calls (the call and its retry) of two attempts each")
                    .isEqualTo(4);
            assertThat(count(meters, "steadfast.hedge.started")).isEqualTo(2);
            assertThat(count(meters, "steadfast.hedge.denied")).isZero();
            assertThat(count(meters, "steadfast.retry.budget.denied")).isZero();
            assertThat(meters.get("steadfast.retry.budget.available")
                            .tag("name", "paired")
                            .gauge()
                            .value())
                    .as("every deposit withdrawn")
                    .isZero();
        }
    }

    private static double count(MeterRegistry meters, String name) {
        var counter = meters.find(name).tag("name", "paired").counter();
        return counter == null ? 0 : counter.count();
    }

    private static ConfigurableApplicationContext start(boolean fastPath) {
        List<String> arguments = new ArrayList<>(List.of(
                "spring.main.banner-mode=off",
                "spring.cloud.zookeeper.enabled=false",
                "steadfast.resilience.fast-path.enabled=" + fastPath,
                "steadfast.resilience.retry-budget.percent=100",
                "steadfast.resilience.retry-budget.window=1h",
                "steadfast.resilience.retry-budget.min-retries-per-second=0",
                "resilience4j.retry.instances.paired.max-attempts=2",
                "resilience4j.retry.instances.paired.wait-duration=1ms"));
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(arguments.stream().map(argument -> "--" + argument).toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        PairedAttempts pairedAttempts() {
            return new PairedAttempts();
        }
    }
}
