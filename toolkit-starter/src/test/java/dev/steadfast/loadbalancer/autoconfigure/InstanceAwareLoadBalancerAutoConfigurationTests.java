package dev.steadfast.loadbalancer.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.loadbalancer.internal.HedgedCallTracker;
import dev.steadfast.loadbalancer.internal.LoadBalancedWebClientPostProcessor;
import dev.steadfast.loadbalancer.internal.OutcomeRecordingLifecycle;
import dev.steadfast.loadbalancer.internal.OutlierDetectors;
import dev.steadfast.loadbalancer.internal.RetryCallTracker;
import dev.steadfast.testsupport.RegisteredFailureAnalyzers;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.web.reactive.function.client.WebClient;

class InstanceAwareLoadBalancerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InstanceAwareLoadBalancerAutoConfiguration.class));

    @Test
    void detectsOutliersByDefaultWhenSpringCloudLoadBalancerIsPresent() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(OutlierDetectors.class)
                .hasSingleBean(OutcomeRecordingLifecycle.class));
    }

    @Test
    void backsOffWithoutSpringCloudLoadBalancer() {
        runner.withClassLoader(new FilteredClassLoader(ServiceInstanceListSupplier.class))
                .run(context -> assertThat(context).doesNotHaveBean(OutlierDetectors.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("steadfast.loadbalancer.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OutlierDetectors.class));
    }

    @Test
    void tracksRetriesWhenResilience4jRetryIsConfigured() {
        runner.withBean(RetryRegistry.class, RetryRegistry::ofDefaults)
                .run(context -> assertThat(context).hasSingleBean(RetryCallTracker.class));
        runner.withBean(RetryRegistry.class, RetryRegistry::ofDefaults)
                .withPropertyValues("steadfast.loadbalancer.retry-elsewhere=false")
                .run(context -> assertThat(context).doesNotHaveBean(RetryCallTracker.class));
    }

    @Test
    void hedgesShareTheirCallsTriedInstancesUnlessRetryElsewhereIsOff() {
        runner.run(context -> assertThat(context).hasSingleBean(HedgedCallTracker.class));
        runner.withPropertyValues("steadfast.loadbalancer.retry-elsewhere=false")
                .run(context -> assertThat(context).doesNotHaveBean(HedgedCallTracker.class));
    }

    @Test
    void marksLoadBalancedWebClientRequestsWhenWebClientIsPresent() {
        runner.run(context -> assertThat(context).hasSingleBean(LoadBalancedWebClientPostProcessor.class));
        runner.withPropertyValues("steadfast.loadbalancer.retry-elsewhere=false")
                .run(context -> assertThat(context).doesNotHaveBean(LoadBalancedWebClientPostProcessor.class));
        runner.withClassLoader(new FilteredClassLoader(WebClient.class)).run(context -> assertThat(context)
                .hasSingleBean(OutlierDetectors.class)
                .doesNotHaveBean(LoadBalancedWebClientPostProcessor.class));
    }

    @Test
    void failsAtStartupNamingThePropertyWhenTheMaximumEjectedShareIsNoPercentage() {
        runner.withPropertyValues("steadfast.loadbalancer.outlier.max-ejected-percent=150")
                .run(context -> {
                    assertThat(context)
                            .getFailure()
                            .rootCause()
                            .isInstanceOf(InvalidSteadfastPropertyException.class)
                            .hasMessageContaining("steadfast.loadbalancer.outlier.max-ejected-percent");
                    FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo("Invalid property 'steadfast.loadbalancer.outlier.max-ejected-percent':"
                                    + " '150' is not a percentage in [0, 100]");
                    assertThat(analysis.getAction())
                            .isEqualTo("Set steadfast.loadbalancer.outlier.max-ejected-percent to a percentage in"
                                    + " [0, 100].");
                });
    }
}
