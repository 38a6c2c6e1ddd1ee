package dev.steadfast.loadbalancer;

/**
 * An outlier detector's decision about one instance, published as a Spring application event. Events are published
 * on the thread whose call outcome (or whose instance selection) caused the decision, that is on a request thread:
 * listeners must be quick or hand work off. For one instance they arrive in order; across instances, in no
 * particular order.
 */
public sealed interface InstanceEvent permits InstanceEjected, InstanceReturned, EjectionSkipped {

    /** The service the instance belongs to. */
    String serviceId();

    /** The instance, as {@code host:port}. */
    String instance();
}
