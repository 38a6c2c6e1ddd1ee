package dev.steadfast.loadbalancer.actuate;

import dev.steadfast.loadbalancer.EjectionState;
import dev.steadfast.loadbalancer.InstanceEjected;
import dev.steadfast.loadbalancer.InstanceEvent;
import dev.steadfast.loadbalancer.OutlierEjections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * Micrometer meters of outlier ejection: {@code steadfast.loadbalancer.ejections} (counter per service, instance and
 * reason), {@code steadfast.loadbalancer.ejected} (gauge: instances of a service ejected now) and
 * {@code steadfast.loadbalancer.instance.ejected} (gauge per instance: 1 while ejected). Gauges appear with a
 * service's or an instance's first event.
 */
public class LoadBalancerMetrics {

    private final MeterRegistry registry;

    private final OutlierEjections ejections;

    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    public LoadBalancerMetrics(MeterRegistry registry, OutlierEjections ejections) {
        this.registry = registry;
        this.ejections = ejections;
    }

    @EventListener
    void on(InstanceEvent event) {
        if (event instanceof InstanceEjected ejected) {
            Counter.builder("steadfast.loadbalancer.ejections")
                    .description("Ejections of instances by the outlier detector")
                    .tag("service", ejected.serviceId())
                    .tag("instance", ejected.instance())
                    .tag("reason", ejected.reason().name().toLowerCase())
                    .register(registry)
                    .increment();
        }
        String service = event.serviceId();
        if (gauged.add(service)) {
            Gauge.builder("steadfast.loadbalancer.ejected", () -> ejectedNow(service, null))
                    .description("Instances of the service ejected now")
                    .tag("service", service)
                    .register(registry);
        }
        if (gauged.add(service + "/" + event.instance())) {
            Gauge.builder("steadfast.loadbalancer.instance.ejected", () -> ejectedNow(service, event.instance()))
                    .description("1 while the instance is ejected, else 0")
                    .tag("service", service)
                    .tag("instance", event.instance())
                    .register(registry);
        }
    }

    private long ejectedNow(String service, String instance) {
        return ejections.instances(service).stream()
                .filter(health -> instance == null || health.instance().equals(instance))
                .filter(health -> health.state() == EjectionState.EJECTED)
                .count();
    }
}
