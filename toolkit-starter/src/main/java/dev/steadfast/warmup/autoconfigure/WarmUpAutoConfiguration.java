package dev.steadfast.warmup.autoconfigure;

import dev.steadfast.warmup.internal.LoadBalancedServiceCalls;
import dev.steadfast.warmup.internal.SelfWarmUp;
import dev.steadfast.warmup.internal.ServiceCalls;
import dev.steadfast.warmup.internal.WarmUpRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Warm-up before readiness for web applications: the configured {@code steadfast.warmup.requests} are sent after the
 * application's web server has started and before it reports {@code ACCEPTING_TRAFFIC}, to its own port or, for a
 * request with a {@code service}, through its {@code @LoadBalanced RestClient.Builder} to an instance of that service.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration")
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.warmup.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WarmUpProperties.class)
public final class WarmUpAutoConfiguration {

    /** The port Spring Boot publishes once its web server listens ({@code local.server.port}). */
    static final String LOCAL_PORT = "local.server.port";

    @Bean
    @ConditionalOnMissingBean
    SelfWarmUp selfWarmUp(
            WarmUpProperties properties,
            Environment environment,
            ApplicationEventPublisher publisher,
            ObjectProvider<ServiceCalls> serviceCalls) {
        ServiceCalls calls = serviceCalls.getIfAvailable();
        List<WarmUpRequest> requests = WarmUpRequests.from(properties, calls != null);
        return new SelfWarmUp(
                requests,
                properties.getIterations(),
                properties.getConcurrency(),
                properties.getTimeout(),
                properties.getRequestTimeout(),
                () -> environment.getProperty(LOCAL_PORT, Integer.class),
                publisher::publishEvent,
                calls);
    }

    /**
     * Requests for other services go through the application's own load-balanced RestClient; without one such builder,
     * or without Spring Cloud LoadBalancer's factory, there is no {@link ServiceCalls} bean and service requests are
     * refused at start-up.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestClient.class, LoadBalanced.class, ReactiveLoadBalancer.class})
    @Conditional(OnSingleLoadBalancedRestClientBuilderCondition.class)
    @ConditionalOnSingleCandidate(ReactiveLoadBalancer.Factory.class)
    static class LoadBalancedServiceCallsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LoadBalancedServiceCalls loadBalancedServiceCalls(
                @LoadBalanced RestClient.Builder builder, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
            return new LoadBalancedServiceCalls(builder, loadBalancers);
        }
    }
}
