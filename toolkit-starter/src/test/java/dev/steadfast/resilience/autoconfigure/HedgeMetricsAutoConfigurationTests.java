package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.metrics.HedgeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HedgeMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(HedgeAutoConfiguration.class, HedgeMetricsAutoConfiguration.class));

    @Test
    void recordsHedgesInTheMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(HedgeMetrics.class));
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(HedgeMetrics.class);
        });
    }

    @Test
    void backsOffWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(HedgeMetrics.class));
    }

    @Test
    void backsOffWhenHedgingIsOff() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("steadfast.resilience.hedge.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HedgeMetrics.class));
    }

    @Test
    void keepsTheApplicationsOwnRecorder() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("customHedgeMetrics", HedgeMetrics.class, () -> new HedgeMetrics(new SimpleMeterRegistry()))
                .run(context ->
                        assertThat(context).hasSingleBean(HedgeMetrics.class).hasBean("customHedgeMetrics"));
    }
}
