package dev.steadfast.limit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.concurrency.limits.Limiter;
import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.limit.internal.ConcurrencyLimiters;
import dev.steadfast.limit.internal.InboundLimitFilter;
import dev.steadfast.limit.internal.InboundLimitWebFilter;
import dev.steadfast.testsupport.RegisteredFailureAnalyzers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class InboundLimitAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS =
            AutoConfigurations.of(ConcurrencyLimitAutoConfiguration.class, InboundLimitAutoConfiguration.class);

    private final WebApplicationContextRunner servlet =
            new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    @Test
    void shedsNothingUnlessEnabled() {
        servlet.run(context -> assertThat(context)
                .hasSingleBean(ConcurrencyLimiters.class)
                .doesNotHaveBean(InboundLimitFilter.class)
                .doesNotHaveBean("steadfastInboundLimiter"));
    }

    @Test
    void addsTheServletFilterWhenEnabledInAServletApplication() {
        servlet.withPropertyValues("steadfast.resilience.inbound.enabled=true").run(context -> assertThat(context)
                .hasSingleBean(InboundLimitFilter.class)
                .doesNotHaveBean(InboundLimitWebFilter.class)
                .hasBean("steadfastInboundLimiter"));
    }

    @Test
    void addsTheWebFilterWhenEnabledInAWebFluxApplication() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(CONFIGURATIONS)
                .withPropertyValues("steadfast.resilience.inbound.enabled=true")
                .run(context -> assertThat(context)
                        .hasSingleBean(InboundLimitWebFilter.class)
                        .doesNotHaveBean(InboundLimitFilter.class));
    }

    @Test
    void backsOffOutsideAWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(CONFIGURATIONS)
                .withPropertyValues("steadfast.resilience.inbound.enabled=true")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(InboundLimitFilter.class)
                        .doesNotHaveBean("steadfastInboundLimiter"));
    }

    @Test
    void backsOffWithoutConcurrencyLimitsOnTheClasspath() {
        servlet.withClassLoader(new FilteredClassLoader(Limiter.class))
                .withPropertyValues("steadfast.resilience.inbound.enabled=true")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ConcurrencyLimiters.class)
                        .doesNotHaveBean(InboundLimitFilter.class));
    }

    @Test
    void backsOffWhenSteadfastOrItsResilienceLayerIsOff() {
        servlet.withPropertyValues("steadfast.resilience.inbound.enabled=true", "steadfast.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(InboundLimitFilter.class));
        servlet.withPropertyValues("steadfast.resilience.inbound.enabled=true", "steadfast.resilience.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(InboundLimitFilter.class));
    }

    @Test
    void refusesAMaximumLimitBelowTheMinimumNamingTheProperty() {
        assertStartupFailure(
                "steadfast.resilience.inbound.max-limit",
                "steadfast.resilience.inbound.min-limit=50",
                "steadfast.resilience.inbound.max-limit=10");
    }

    @Test
    void refusesAStatusOtherThan503Or429() {
        assertStartupFailure("steadfast.resilience.inbound.status", "steadfast.resilience.inbound.status=500");
    }

    @Test
    void refusesPriorityShareThatAddUpToMoreThanOne() {
        assertStartupFailure(
                "steadfast.resilience.inbound.priorities",
                "steadfast.resilience.inbound.priorities.critical.share=0.8",
                "steadfast.resilience.inbound.priorities.default.share=0.5");
    }

    @Test
    void refusesADefaultPriorityThatIsNotConfigured() {
        assertStartupFailure(
                "steadfast.resilience.inbound.default-priority",
                "steadfast.resilience.inbound.priorities.critical.share=0.8",
                "steadfast.resilience.inbound.priorities.normal.share=0.2");
    }

    @Test
    void refusesAnExcludedPathThatIsNotAPathPattern() {
        assertStartupFailure(
                "steadfast.resilience.inbound.excluded-paths", "steadfast.resilience.inbound.excluded-paths=/a/**/b");
    }

    private void assertStartupFailure(String property, String... properties) {
        servlet.withPropertyValues("steadfast.resilience.inbound.enabled=true")
                .withPropertyValues(properties)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidSteadfastPropertyException.class)
                            .hasMessageContaining("'" + property + "'");
                    FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains(property);
                    assertThat(analysis.getAction()).isNotBlank();
                });
    }
}
