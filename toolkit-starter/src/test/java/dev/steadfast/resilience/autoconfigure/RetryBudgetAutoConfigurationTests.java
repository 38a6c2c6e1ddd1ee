package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.ResilienceConfigurationException;
import dev.steadfast.resilience.internal.RetryBudgets;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RetryBudgetAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RetryBudgetAutoConfiguration.class, RetryAutoConfiguration.class));

    @Test
    void putsEveryRetryOfTheRegistryUnderABudgetByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RetryBudgets.class);
            RetryRegistry registry = context.getBean(RetryRegistry.class);
            assertThat(registry.getClass().getSimpleName()).isEqualTo("BudgetedRetryRegistry");
            assertThat(registry.retry("payments").getClass().getSimpleName()).isEqualTo("BudgetedRetry");
            // The registry itself keeps Resilience4j's instances, for metrics and the actuator.
            assertThat(registry.find("payments"))
                    .get()
                    .extracting(retry -> retry.getClass().getSimpleName())
                    .isEqualTo("RetryImpl");
        });
    }

    @Test
    void leavesResilience4jAloneWhenBudgetsAreOff() {
        runner.withPropertyValues("steadfast.resilience.retry-budget.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RetryBudgets.class);
                    assertThat(context.getBean(RetryRegistry.class)
                                    .retry("payments")
                                    .getClass()
                                    .getSimpleName())
                            .isEqualTo("RetryImpl");
                });
    }

    @Test
    void refusesToStartWithANegativePercentageNamingTheProperty() {
        runner.withPropertyValues("steadfast.resilience.retry-budget.percent=-5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(ResilienceConfigurationException.class)
                            .hasMessageContaining("steadfast.resilience.retry-budget.percent");
                });
    }

    @Test
    void refusesToStartWithAnEmptyWindow() {
        runner.withPropertyValues("steadfast.resilience.retry-budget.window=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("steadfast.resilience.retry-budget.window");
        });
    }
}
