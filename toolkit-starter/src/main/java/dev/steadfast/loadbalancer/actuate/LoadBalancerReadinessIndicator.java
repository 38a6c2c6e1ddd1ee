package dev.steadfast.loadbalancer.actuate;

import dev.steadfast.loadbalancer.EjectionState;
import dev.steadfast.loadbalancer.InstanceHealth;
import dev.steadfast.loadbalancer.OutlierEjections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Whether this application can reach every required service: {@code OUT_OF_SERVICE} while one of them has no listed
 * instance that is not ejected or, with a warm-up, until the warm-up has reached one of its instances (its
 * load-balancer context built and a connection opened), with each service's instances and their outlier state in the
 * details. Meant for the
 * readiness group: it answers from the watch-driven registry view's memory and never waits for the registry. Without
 * such a view (no ZooKeeper discovery, e.g. a fixed URL in a single-instance run) there is nothing to warm and it
 * reports {@code UP}.
 */
public class LoadBalancerReadinessIndicator implements HealthIndicator {

    private final List<String> requiredServices;

    private final Function<String, List<ServiceInstance>> registry;

    private final OutlierEjections ejections;

    private final Function<String, String> reached;

    /**
     * @param requiredServices the services this application cannot serve without
     * @param registry the instances of a service as last seen, {@code null} while never seen; {@code null} itself
     *     when there is no registry view
     * @param ejections the outlier state
     */
    public LoadBalancerReadinessIndicator(
            List<String> requiredServices,
            Function<String, List<ServiceInstance>> registry,
            OutlierEjections ejections) {
        this(requiredServices, registry, ejections, null);
    }

    /**
     * @param requiredServices the services this application cannot serve without
     * @param registry the instances of a service as last seen, {@code null} while never seen; {@code null} itself
     *     when there is no registry view
     * @param ejections the outlier state
     * @param reached the instance ({@code host:port}) the warm-up reached a service on, {@code null} while it has
     *     not; {@code null} itself when there is no warm-up
     */
    public LoadBalancerReadinessIndicator(
            List<String> requiredServices,
            Function<String, List<ServiceInstance>> registry,
            OutlierEjections ejections,
            Function<String, String> reached) {
        this.requiredServices = List.copyOf(requiredServices);
        this.registry = registry;
        this.ejections = ejections;
        this.reached = reached;
    }

    @Override
    public Health health() {
        if (registry == null) {
            return Health.up()
                    .withDetail("requiredServices", "not checked: no watch-driven registry view")
                    .build();
        }
        boolean ready = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String service : requiredServices) {
            List<ServiceInstance> listed = registry.apply(service);
            Set<String> ejected = ejections.instances(service).stream()
                    .filter(health -> health.state() == EjectionState.EJECTED)
                    .map(InstanceHealth::instance)
                    .collect(Collectors.toSet());
            long usable = listed == null
                    ? 0
                    : listed.stream()
                            .filter(instance -> !ejected.contains(instance.getHost() + ":" + instance.getPort()))
                            .count();
            String reachedOn = reached == null ? "not checked" : reached.apply(service);
            ready &= usable > 0 && reachedOn != null;
            details.put(
                    service,
                    Map.of(
                            "listed",
                            listed == null ? "not yet loaded" : listed.size(),
                            "usable",
                            usable,
                            "reached",
                            reachedOn == null ? "not yet" : reachedOn,
                            "instances",
                            ejections.instances(service)));
        }
        return Health.status(ready ? Status.UP : Status.OUT_OF_SERVICE)
                .withDetails(details)
                .build();
    }
}
