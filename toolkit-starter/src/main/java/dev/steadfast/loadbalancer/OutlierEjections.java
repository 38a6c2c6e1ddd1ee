package dev.steadfast.loadbalancer;

import java.util.List;
import java.util.Map;

/** Read access to the outlier detectors of all load-balanced services; safe to call from any thread. */
public interface OutlierEjections {

    /** Every instance the detector of this service has seen, in no particular order; empty for an unknown service. */
    List<InstanceHealth> instances(String serviceId);

    /** Every service with a detector, by service id. */
    Map<String, List<InstanceHealth>> services();
}
