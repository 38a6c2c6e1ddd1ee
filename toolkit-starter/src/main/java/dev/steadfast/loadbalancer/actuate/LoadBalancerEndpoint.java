package dev.steadfast.loadbalancer.actuate;

import dev.steadfast.loadbalancer.InstanceHealth;
import dev.steadfast.loadbalancer.OutlierEjections;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/** The {@code loadbalancer} actuator endpoint: the outlier state of every instance, read-only. */
@Endpoint(id = "loadbalancer")
public class LoadBalancerEndpoint {

    private final OutlierEjections ejections;

    public LoadBalancerEndpoint(OutlierEjections ejections) {
        this.ejections = ejections;
    }

    /** Every service the load balancer has called, with the state of each of its instances. */
    @ReadOperation
    public Map<String, List<InstanceHealth>> services() {
        return ejections.services();
    }

    /** The state of each instance of one service. */
    @ReadOperation
    public List<InstanceHealth> service(@Selector String serviceId) {
        return ejections.instances(serviceId);
    }
}
