package dev.steadfast.loadbalancer.internal;

import java.util.List;
import java.util.Set;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Wraps a service's instance list: the list comes from the watch-driven registry view when there is one (else from
 * the delegate), ejected instances are left out, and a retry (or a hedge) leaves out the instances its call has tried
 * (see {@link CallAttempts}). It never
 * leaves nothing: when every instance would be left out, the load balancer chooses among all of them, and the
 * caller's circuit breaker sees the outage. The request thread is read while {@link #get(Request)} runs, before
 * anything subscribes, so a thread switch inside the delegate does not matter.
 */
public final class InstanceAwareServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

    private final OutlierDetectors detectors;

    private final RegistryView registry;

    public InstanceAwareServiceInstanceListSupplier(
            ServiceInstanceListSupplier delegate, OutlierDetectors detectors, RegistryView registry) {
        super(delegate);
        this.detectors = detectors;
        this.registry = registry;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return source(null).map(this::withoutEjected);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        // Read on the requesting thread now: the delegate may emit on another one.
        Set<String> tried = CallAttempts.triedFor(request);
        if (tried.isEmpty()) {
            return source(request).map(this::withoutEjected);
        }
        return source(request).map(instances -> {
            List<ServiceInstance> usable = withoutEjected(instances);
            List<ServiceInstance> untried = usable.stream()
                    .filter(instance -> !tried.contains(OutlierDetectors.key(instance)))
                    .toList();
            return untried.isEmpty() ? usable : untried;
        });
    }

    private Flux<List<ServiceInstance>> source(Request request) {
        List<ServiceInstance> watched = registry.instances(getServiceId());
        if (watched != null) {
            return Flux.just(watched);
        }
        return request == null ? delegate.get() : delegate.get(request);
    }

    private List<ServiceInstance> withoutEjected(List<ServiceInstance> instances) {
        if (instances.isEmpty()) {
            return instances;
        }
        List<String> keys = instances.stream().map(OutlierDetectors::key).toList();
        Set<String> ejected = detectors.ejectedAmong(serviceIdOf(instances), keys);
        if (ejected.isEmpty()) {
            return instances;
        }
        List<ServiceInstance> usable = instances.stream()
                .filter(instance -> !ejected.contains(OutlierDetectors.key(instance)))
                .toList();
        return usable.isEmpty() ? instances : usable;
    }

    /** The service id the outcomes of these instances are recorded under (see {@link OutcomeRecordingLifecycle}). */
    private String serviceIdOf(List<ServiceInstance> instances) {
        String serviceId = instances.get(0).getServiceId();
        return serviceId != null ? serviceId : getServiceId();
    }
}
