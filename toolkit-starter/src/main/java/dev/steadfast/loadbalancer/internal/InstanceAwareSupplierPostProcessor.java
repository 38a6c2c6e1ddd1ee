package dev.steadfast.loadbalancer.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Wraps the instance list supplier of each load-balanced client (in the client's own child context) in an
 * {@link InstanceAwareServiceInstanceListSupplier}, whichever configuration built it: Spring Cloud LoadBalancer's
 * default, Spring Cloud Zookeeper's, or the application's own.
 */
public final class InstanceAwareSupplierPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<OutlierDetectors> detectors;

    private final ObjectProvider<RegistryView> registry;

    public InstanceAwareSupplierPostProcessor(
            ObjectProvider<OutlierDetectors> detectors, ObjectProvider<RegistryView> registry) {
        this.detectors = detectors;
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ServiceInstanceListSupplier supplier
                && !(bean instanceof InstanceAwareServiceInstanceListSupplier)) {
            OutlierDetectors outliers = detectors.getIfAvailable();
            if (outliers != null) {
                return new InstanceAwareServiceInstanceListSupplier(
                        supplier, outliers, registry.getIfAvailable(() -> RegistryView.NONE));
            }
        }
        return bean;
    }
}
