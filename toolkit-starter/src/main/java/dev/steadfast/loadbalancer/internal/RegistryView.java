package dev.steadfast.loadbalancer.internal;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;

/** A view of the registry that answers from memory, so that choosing an instance never waits for the registry. */
@FunctionalInterface
public interface RegistryView {

    /** No view: every list comes from Spring Cloud LoadBalancer's own supplier. */
    RegistryView NONE = serviceId -> null;

    /**
     * The instances of the service as last seen, or {@code null} while the view has never loaded them (then the
     * caller falls back to its own supplier). Never blocks.
     */
    List<ServiceInstance> instances(String serviceId);
}
