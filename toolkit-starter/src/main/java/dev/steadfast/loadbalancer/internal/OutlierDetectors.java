package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.InstanceEvent;
import dev.steadfast.loadbalancer.InstanceHealth;
import dev.steadfast.loadbalancer.OutlierEjections;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.cloud.client.ServiceInstance;

/** The outlier detectors of all services, created on first use; the one place outcomes and lookups go through. */
public final class OutlierDetectors implements OutlierEjections {

    private final OutlierSettings settings;

    private final Clock clock;

    private final Consumer<InstanceEvent> events;

    private final Map<String, ServiceOutliers> services = new ConcurrentHashMap<>();

    public OutlierDetectors(OutlierSettings settings, Clock clock, Consumer<InstanceEvent> events) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** The key of an instance in detectors, metrics and events: {@code host:port}, stable across registrations. */
    public static String key(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    /** Records a call that got an answer worth having from the instance. */
    public void recordSuccess(String serviceId, String instance) {
        service(serviceId).recordSuccess(instance);
    }

    /** Records a call that failed because of the instance: an I/O error, a timeout, a 5xx. */
    public void recordFailure(String serviceId, String instance) {
        service(serviceId).recordFailure(instance);
    }

    /** Which of the listed instances (by {@link #key}) are ejected now; also ends ejections whose time is over. */
    public Set<String> ejectedAmong(String serviceId, Collection<String> listed) {
        return service(serviceId).ejectedAmong(listed);
    }

    @Override
    public List<InstanceHealth> instances(String serviceId) {
        ServiceOutliers service = services.get(serviceId);
        return service == null ? List.of() : service.health();
    }

    @Override
    public Map<String, List<InstanceHealth>> services() {
        Map<String, List<InstanceHealth>> all = new TreeMap<>();
        services.forEach((serviceId, service) -> all.put(serviceId, service.health()));
        return all;
    }

    private ServiceOutliers service(String serviceId) {
        return services.computeIfAbsent(serviceId, id -> new ServiceOutliers(id, settings, clock, events));
    }
}
