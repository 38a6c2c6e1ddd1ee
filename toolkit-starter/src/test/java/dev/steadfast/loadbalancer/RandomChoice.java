package dev.steadfast.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.RandomLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Spring Cloud LoadBalancer's random choice, as the configuration of a test's {@code @LoadBalancerClient}: without the
 * starter's choice of instances a call has not tried, a retry or hedge lands on any instance, the tried ones included.
 * Not a {@code @Configuration}, so that it only ever configures the client's own load-balancer context.
 */
class RandomChoice {

    @Bean
    ReactorLoadBalancer<ServiceInstance> randomLoadBalancer(
            Environment environment, LoadBalancerClientFactory factory) {
        String name = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        ObjectProvider<ServiceInstanceListSupplier> suppliers =
                factory.getLazyProvider(name, ServiceInstanceListSupplier.class);
        return new RandomLoadBalancer(suppliers, name);
    }
}
