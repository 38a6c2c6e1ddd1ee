package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.loadbalancer.internal.HedgedCallTracker;
import dev.steadfast.loadbalancer.internal.LoadBalancedWebClientPostProcessor;
import dev.steadfast.loadbalancer.internal.OutcomeRecordingLifecycle;
import dev.steadfast.loadbalancer.internal.OutlierDetectors;
import dev.steadfast.loadbalancer.internal.RetryCallTracker;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Instance-aware load balancing for every {@code @LoadBalanced} client (RestClient, RestTemplate, WebClient), on
 * when Spring Cloud LoadBalancer is on the classpath: call outcomes feed outlier detectors through a
 * {@code LoadBalancerLifecycle}, and each client's instance list supplier is wrapped (in the client's child context,
 * through {@link InstanceAwareLoadBalancerClientConfiguration}) to leave out ejected and already tried instances.
 */
@AutoConfiguration(
        afterName = {
            "io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
            "org.springframework.cloud.zookeeper.support.CuratorServiceDiscoveryAutoConfiguration",
            "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration"
        })
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LoadBalancerProperties.class)
@LoadBalancerClients(defaultConfiguration = InstanceAwareLoadBalancerClientConfiguration.class)
@Import(ZookeeperRegistryViewConfiguration.class)
public final class InstanceAwareLoadBalancerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutlierDetectors outlierDetectors(LoadBalancerProperties properties, ApplicationEventPublisher publisher) {
        return new OutlierDetectors(
                OutlierSettingsFactory.from(properties.getOutlier()), Clock.systemUTC(), publisher::publishEvent);
    }

    @Bean
    @ConditionalOnMissingBean
    OutcomeRecordingLifecycle outcomeRecordingLifecycle(OutlierDetectors detectors, LoadBalancerProperties properties) {
        return new OutcomeRecordingLifecycle(detectors, properties.getOutlier().isEnabled());
    }

    /** Each request of a {@code @LoadBalanced WebClient.Builder} carries its call's tried instances. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebClient.class)
    @ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.retry-elsewhere", matchIfMissing = true)
    static class WebClientRetryElsewhereConfiguration {

        @Bean
        @ConditionalOnMissingBean
        static LoadBalancedWebClientPostProcessor loadBalancedWebClientPostProcessor() {
            return new LoadBalancedWebClientPostProcessor();
        }
    }

    /** Each hedge of a {@code @Hedge} call shares its call's tried instances, as a retry of that call would. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.retry-elsewhere", matchIfMissing = true)
    static class HedgeElsewhereConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HedgedCallTracker hedgedCallTracker() {
            return new HedgedCallTracker();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RetryRegistry.class)
    @ConditionalOnBean(RetryRegistry.class)
    @ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.retry-elsewhere", matchIfMissing = true)
    static class RetryElsewhereConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RetryCallTracker retryCallTracker(RetryRegistry retryRegistry) {
            return new RetryCallTracker(retryRegistry);
        }
    }
}
