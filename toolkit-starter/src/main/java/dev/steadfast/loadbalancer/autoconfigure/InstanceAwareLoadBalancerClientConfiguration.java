package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.loadbalancer.internal.InstanceAwareSupplierPostProcessor;
import dev.steadfast.loadbalancer.internal.OutlierDetectors;
import dev.steadfast.loadbalancer.internal.RegistryView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Default configuration of every load-balanced client's child context. It adds no supplier of its own (Spring Cloud
 * registers default configurations in no fixed order, so a competing supplier bean could lose to Spring Cloud
 * Zookeeper's); it wraps whichever supplier the context builds.
 */
@Configuration(proxyBeanMethods = false)
public class InstanceAwareLoadBalancerClientConfiguration {

    @Bean
    static InstanceAwareSupplierPostProcessor instanceAwareSupplierPostProcessor(
            ObjectProvider<OutlierDetectors> detectors, ObjectProvider<RegistryView> registry) {
        return new InstanceAwareSupplierPostProcessor(detectors, registry);
    }
}
