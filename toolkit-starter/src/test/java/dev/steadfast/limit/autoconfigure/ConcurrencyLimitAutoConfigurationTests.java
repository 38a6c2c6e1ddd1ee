package dev.steadfast.limit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.internal.ConcurrencyLimiters;
import dev.steadfast.limit.metrics.ConcurrencyLimitMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConcurrencyLimitAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConcurrencyLimitAutoConfiguration.class, ConcurrencyLimitMetricsAutoConfiguration.class));

    @Test
    void bulkheadsAreNotAdaptiveByDefault() {
        runner.run(
                context -> assertThat(context.getBean(AdaptiveBulkheads.class).forInstance("payments"))
                        .isEmpty());
    }

    @Test
    void makesAnInstanceAdaptiveWithItsOwnPropertyAndTheOtherSettingsFromTheDefaults() {
        runner.withPropertyValues(
                        "steadfast.resilience.bulkhead.adaptive.initial-limit=7",
                        "steadfast.resilience.bulkhead.instances.payments.adaptive.enabled=true")
                .run(context -> {
                    AdaptiveBulkheads bulkheads = context.getBean(AdaptiveBulkheads.class);
                    assertThat(bulkheads.forInstance("payments"))
                            .hasValueSatisfying(
                                    limiter -> assertThat(limiter.limit()).isEqualTo(7));
                    assertThat(bulkheads.forInstance("others")).isEmpty();
                });
    }

    @Test
    void makesEveryInstanceAdaptiveByDefaultUnlessAnInstanceTurnsItOff() {
        runner.withPropertyValues(
                        "steadfast.resilience.bulkhead.adaptive.enabled=true",
                        "steadfast.resilience.bulkhead.instances.legacy.adaptive.enabled=false",
                        "steadfast.resilience.bulkhead.instances.small.adaptive.initial-limit=6")
                .run(context -> {
                    AdaptiveBulkheads bulkheads = context.getBean(AdaptiveBulkheads.class);
                    assertThat(bulkheads.forInstance("anything")).isPresent();
                    assertThat(bulkheads.forInstance("legacy")).isEmpty();
                    assertThat(bulkheads.forInstance("small")).hasValueSatisfying(limiter -> assertThat(limiter.limit())
                            .isEqualTo(6));
                });
    }

    @Test
    void refusesAnInstanceWhoseMaximumIsBelowItsMinimum() {
        runner.withPropertyValues(
                        "steadfast.resilience.bulkhead.instances.payments.adaptive.enabled=true",
                        "steadfast.resilience.bulkhead.instances.payments.adaptive.min-limit=30",
                        "steadfast.resilience.bulkhead.instances.payments.adaptive.max-limit=10")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidSteadfastPropertyException.class)
                        .hasMessageContaining("'steadfast.resilience.bulkhead.instances.payments.adaptive.max-limit'"));
    }

    @Test
    void refusesAdaptiveBulkheadsWithoutTheFastPath() {
        runner.withPropertyValues(
                        "steadfast.resilience.bulkhead.adaptive.enabled=true",
                        "steadfast.resilience.fast-path.enabled=false")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidSteadfastPropertyException.class)
                        .hasMessageContaining("'steadfast.resilience.fast-path.enabled'"));
    }

    @Test
    void metersEveryLimiterIncludingThoseCreatedAfterBinding() {
        runner.withPropertyValues(
                        "steadfast.resilience.bulkhead.adaptive.enabled=true",
                        "steadfast.resilience.bulkhead.instances.payments.adaptive.initial-limit=9")
                .run(context -> {
                    MeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean(ConcurrencyLimitMetrics.class).bindTo(registry);
                    assertThat(registry.get("steadfast.limiter.limit")
                                    .tags("kind", "bulkhead", "name", "payments")
                                    .gauge()
                                    .value())
                            .isEqualTo(9);
                    context.getBean(AdaptiveBulkheads.class).forInstance("later");
                    assertThat(registry.get("steadfast.limiter.inflight")
                                    .tags("kind", "bulkhead", "name", "later")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("steadfast.limiter.rejected")
                                    .tags("kind", "bulkhead", "name", "later", "priority", "none")
                                    .functionCounter()
                                    .count())
                            .isZero();
                    assertThat(registry.get("steadfast.limiter.rtt")
                                    .tags("kind", "bulkhead", "name", "later")
                                    .timer()
                                    .count())
                            .isZero();
                });
    }

    @Test
    void hasNoMetersWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> assertThat(context)
                .hasSingleBean(ConcurrencyLimiters.class)
                .doesNotHaveBean(ConcurrencyLimitMetrics.class));
    }
}
