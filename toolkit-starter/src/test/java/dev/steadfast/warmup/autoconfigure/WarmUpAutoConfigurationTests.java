package dev.steadfast.warmup.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.testsupport.RegisteredFailureAnalyzers;
import dev.steadfast.warmup.internal.LoadBalancedServiceCalls;
import dev.steadfast.warmup.internal.SelfWarmUp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

class WarmUpAutoConfigurationTests {

    private final WebApplicationContextRunner runner =
            new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(WarmUpAutoConfiguration.class));

    @Test
    void warmsUpWebApplicationsByDefault() {
        runner.withPropertyValues("steadfast.warmup.requests[0].path=/orders?limit=1")
                .run(context -> assertThat(context).hasSingleBean(SelfWarmUp.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("steadfast.warmup.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SelfWarmUp.class));
        runner.withPropertyValues("steadfast.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SelfWarmUp.class));
    }

    @Test
    void backsOffOutsideWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WarmUpAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(SelfWarmUp.class));
    }

    @Test
    void acceptsAnUnsafeMethodOnlyAsARequestExpectedToBeRefused() {
        runner.withPropertyValues(
                        "steadfast.warmup.requests[0].method=POST",
                        "steadfast.warmup.requests[0].path=/payments",
                        "steadfast.warmup.requests[0].body={}",
                        "steadfast.warmup.requests[0].expected-status=400")
                .run(context -> assertThat(context).hasSingleBean(SelfWarmUp.class));
    }

    @Test
    void refusesToStartWithAnUnsafeMethodThatIsNotExpectedToBeRefused() {
        runner.withPropertyValues(
                        "steadfast.warmup.requests[0].method=post",
                        "steadfast.warmup.requests[0].path=/payments",
                        "steadfast.warmup.requests[0].body={\"orderId\":\"x\"}")
                .run(context ->
                        assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].expected-status"));
        runner.withPropertyValues(
                        "steadfast.warmup.requests[0].method=DELETE",
                        "steadfast.warmup.requests[0].path=/payments/1",
                        "steadfast.warmup.requests[0].expected-status=204")
                .run(context ->
                        assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].expected-status"));
    }

    @Test
    void refusesToStartWithUnusableValues() {
        runner.withPropertyValues("steadfast.warmup.requests[0].path=orders")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].path"));
        runner.withPropertyValues("steadfast.warmup.requests[0].method=GET")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].path"));
        runner.withPropertyValues("steadfast.warmup.iterations=0")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.iterations"));
        runner.withPropertyValues("steadfast.warmup.concurrency=0")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.concurrency"));
        runner.withPropertyValues("steadfast.warmup.timeout=0s")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.timeout"));
        runner.withPropertyValues(
                        "steadfast.warmup.requests[0].path=/", "steadfast.warmup.requests[0].expected-status=42")
                .run(context ->
                        assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].expected-status"));
    }

    @Test
    void sendsServiceRequestsThroughTheApplicationsLoadBalancedRestClientBuilder() {
        runner.withUserConfiguration(LoadBalancedClient.class)
                .withPropertyValues(
                        "steadfast.warmup.requests[0].service=payment-service",
                        "steadfast.warmup.requests[0].path=/payments/0",
                        "steadfast.warmup.requests[0].expected-status=404")
                .run(context -> assertThat(context)
                        .hasSingleBean(SelfWarmUp.class)
                        .hasSingleBean(LoadBalancedServiceCalls.class));
    }

    @Test
    void refusesToStartWithAServiceRequestButNoLoadBalancedRestClientBuilder() {
        runner.withPropertyValues(
                        "steadfast.warmup.requests[0].service=payment-service",
                        "steadfast.warmup.requests[0].path=/payments/0")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].service"));
        // switched off (as a placeholder does in an environment without discovery): not checked, not sent
        runner.withPropertyValues(
                        "steadfast.warmup.requests[0].enabled=false",
                        "steadfast.warmup.requests[0].service=payment-service",
                        "steadfast.warmup.requests[0].path=/payments/0")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SelfWarmUp.class));
    }

    @Test
    void refusesToStartWithAServiceRequestThatCouldChangeStateOrNoServiceId() {
        runner.withUserConfiguration(LoadBalancedClient.class)
                .withPropertyValues(
                        "steadfast.warmup.requests[0].service=payment-service",
                        "steadfast.warmup.requests[0].method=POST",
                        "steadfast.warmup.requests[0].path=/payments",
                        "steadfast.warmup.requests[0].body={\"orderId\":\"x\"}")
                .run(context ->
                        assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].expected-status"));
        runner.withUserConfiguration(LoadBalancedClient.class)
                .withPropertyValues(
                        "steadfast.warmup.requests[0].service=http://payment-service",
                        "steadfast.warmup.requests[0].path=/payments/0")
                .run(context -> assertAnalysis(context.getStartupFailure(), "steadfast.warmup.requests[0].service"));
    }

    /** An application's {@code @LoadBalanced RestClient.Builder} and Spring Cloud LoadBalancer's factory. */
    @Configuration(proxyBeanMethods = false)
    static class LoadBalancedClient {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedBuilder() {
            return RestClient.builder();
        }

        @Bean
        LoadBalancerClientFactory loadBalancerClientFactory() {
            return new LoadBalancerClientFactory(new LoadBalancerClientsProperties());
        }
    }

    private static void assertAnalysis(Throwable failure, String property) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("'" + property + "'");
        assertThat(analysis.getAction()).contains(property);
    }
}
