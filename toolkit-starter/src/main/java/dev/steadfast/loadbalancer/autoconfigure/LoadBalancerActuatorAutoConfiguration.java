package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.loadbalancer.OutlierEjections;
import dev.steadfast.loadbalancer.actuate.LoadBalancerEndpoint;
import dev.steadfast.loadbalancer.actuate.LoadBalancerMetrics;
import dev.steadfast.loadbalancer.actuate.LoadBalancerReadinessIndicator;
import dev.steadfast.loadbalancer.internal.RegistryView;
import dev.steadfast.loadbalancer.internal.RequiredServicesWarmUp;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code loadbalancer} endpoint, its metrics and the {@code loadBalancer} readiness contributor, each when its
 * part of actuator or Micrometer is on the classpath.
 */
@AutoConfiguration(
        after = InstanceAwareLoadBalancerAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(OutlierEjections.class)
public final class LoadBalancerActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        LoadBalancerEndpoint loadBalancerEndpoint(OutlierEjections ejections) {
            return new LoadBalancerEndpoint(ejections);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LoadBalancerMetrics loadBalancerMetrics(MeterRegistry registry, OutlierEjections ejections) {
            return new LoadBalancerMetrics(registry, ejections);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        /** Checks the watch-driven view when there is one; else there is no list to warm. */
        @Bean
        @ConditionalOnMissingBean(name = "loadBalancerHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("loadBalancer")
        LoadBalancerReadinessIndicator loadBalancerHealthIndicator(
                LoadBalancerProperties properties,
                ObjectProvider<RegistryView> registry,
                OutlierEjections ejections,
                ObjectProvider<RequiredServicesWarmUp> warmUp) {
            RegistryView view = registry.getIfAvailable();
            RequiredServicesWarmUp warm = warmUp.getIfAvailable();
            return new LoadBalancerReadinessIndicator(
                    properties.getRequiredServices(),
                    view == null ? null : view::instances,
                    ejections,
                    warm == null ? null : warm::reached);
        }
    }
}
