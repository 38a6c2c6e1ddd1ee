package dev.steadfast.warmup.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.testsupport.RegisteredFailureAnalyzers;
import dev.steadfast.warmup.internal.LoadBalancedServiceCalls;
import dev.steadfast.warmup.internal.SelfWarmUp;
import dev.steadfast.warmup.internal.ServiceCalls;
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
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotationMetadata;
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

    @Test
    void sendsServiceCallsThroughTheLoadBalancedBuilderAndNotThroughOtherBuilders() {
        runner.withUserConfiguration(LoadBalancedClient.class, PlainBuilder.class)
                .run(context -> assertThat(context)
                        .getBean(LoadBalancedServiceCalls.class)
                        .extracting("builder")
                        .isSameAs(context.getBean("loadBalancedBuilder")));
    }

    @Test
    void sendsServiceCallsThroughALoadBalancedBuilderThatIsNotADefaultCandidate() {
        runner.withUserConfiguration(NotDefaultLoadBalancedBuilder.class, PlainBuilder.class, LoadBalancerFactory.class)
                .run(context -> assertThat(context)
                        .getBean(LoadBalancedServiceCalls.class)
                        .extracting("builder")
                        .isSameAs(context.getBean("notDefaultLoadBalancedBuilder")));
    }

    @Test
    void findsTheLoadBalancedBuilderOfAConfigurationReadFromBytecodeAsComponentScanningReadsIt() {
        runner.withUserConfiguration(LoadBalancedBuilderReadFromBytecode.class, LoadBalancerFactory.class)
                .run(context -> assertThat(context)
                        .getBean(LoadBalancedServiceCalls.class)
                        .extracting("builder")
                        .isSameAs(context.getBean("notDefaultLoadBalancedBuilder")));
    }

    @Test
    void hasNoServiceCallsWithoutALoadBalancedBuilder() {
        runner.withUserConfiguration(LoadBalancerFactory.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceCalls.class));
        runner.withUserConfiguration(LoadBalancerFactory.class, PlainBuilder.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceCalls.class));
    }

    @Test
    void hasNoServiceCallsWithoutALoadBalancerFactory() {
        runner.withUserConfiguration(LoadBalancedBuilder.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceCalls.class));
    }

    @Test
    void hasNoServiceCallsWithTwoLoadBalancedBuildersNeitherOfThemPreferred() {
        runner.withUserConfiguration(LoadBalancedClient.class, SecondLoadBalancedBuilder.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceCalls.class));
    }

    @Test
    void sendsServiceCallsThroughThePrimaryOfTwoLoadBalancedBuilders() {
        runner.withUserConfiguration(LoadBalancedClient.class, PrimaryLoadBalancedBuilder.class)
                .run(context -> assertThat(context)
                        .getBean(LoadBalancedServiceCalls.class)
                        .extracting("builder")
                        .isSameAs(context.getBean("primaryLoadBalancedBuilder")));
    }

    @Test
    void sendsServiceCallsThroughTheOneOfTwoLoadBalancedBuildersThatIsNotAFallback() {
        runner.withUserConfiguration(LoadBalancedClient.class, FallbackLoadBalancedBuilder.class)
                .run(context -> assertThat(context)
                        .getBean(LoadBalancedServiceCalls.class)
                        .extracting("builder")
                        .isSameAs(context.getBean("loadBalancedBuilder")));
    }

    @Test
    void backsOffFromTheApplicationsOwnServiceCalls() {
        runner.withUserConfiguration(LoadBalancedClient.class, OwnServiceCalls.class)
                .run(context -> assertThat(context)
                        .hasSingleBean(ServiceCalls.class)
                        .getBean(ServiceCalls.class)
                        .isSameAs(context.getBean("ownServiceCalls")));
    }

    /** An application's {@code @LoadBalanced RestClient.Builder} and Spring Cloud LoadBalancer's factory. */
    @Configuration(proxyBeanMethods = false)
    @Import({LoadBalancedBuilder.class, LoadBalancerFactory.class})
    static class LoadBalancedClient {}

    @Configuration(proxyBeanMethods = false)
    static class LoadBalancedBuilder {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedBuilder() {
            return RestClient.builder();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LoadBalancerFactory {

        @Bean
        LoadBalancerClientFactory loadBalancerClientFactory() {
            return new LoadBalancerClientFactory(new LoadBalancerClientsProperties());
        }
    }

    /** A builder without {@code @LoadBalanced}, as Spring Boot's own. */
    @Configuration(proxyBeanMethods = false)
    static class PlainBuilder {

        @Bean
        RestClient.Builder plainBuilder() {
            return RestClient.builder();
        }
    }

    /** As the demo order service declares its builder: injected only where {@code @LoadBalanced} asks for it. */
    @Configuration(proxyBeanMethods = false)
    static class NotDefaultLoadBalancedBuilder {

        @Bean(defaultCandidate = false)
        @LoadBalanced
        RestClient.Builder notDefaultLoadBalancedBuilder() {
            return RestClient.builder();
        }
    }

    /**
     * Imports {@link NotDefaultLoadBalancedBuilder} by name, so that its {@code @Bean} methods are read from bytecode
     * (as for a component-scanned configuration, such as the demo's), not through reflection: the condition must find
     * the qualifier before the factory method has been resolved.
     */
    @Configuration(proxyBeanMethods = false)
    @Import(LoadBalancedBuilderReadFromBytecode.ByName.class)
    static class LoadBalancedBuilderReadFromBytecode {

        static class ByName implements ImportSelector {

            @Override
            public String[] selectImports(AnnotationMetadata importingClassMetadata) {
                return new String[] {NotDefaultLoadBalancedBuilder.class.getName()};
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondLoadBalancedBuilder {

        @Bean
        @LoadBalanced
        RestClient.Builder secondLoadBalancedBuilder() {
            return RestClient.builder();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryLoadBalancedBuilder {

        @Bean
        @Primary
        @LoadBalanced
        RestClient.Builder primaryLoadBalancedBuilder() {
            return RestClient.builder();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FallbackLoadBalancedBuilder {

        @Bean
        @Fallback
        @LoadBalanced
        RestClient.Builder fallbackLoadBalancedBuilder() {
            return RestClient.builder();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServiceCalls {

        @Bean
        LoadBalancedServiceCalls ownServiceCalls(LoadBalancerClientFactory factory) {
            return new LoadBalancedServiceCalls(RestClient.builder(), factory);
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
