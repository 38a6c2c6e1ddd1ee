package dev.steadfast.chaos.process;

/**
 * Real network partitions of one service instance, where the topology can make them (the compose topology: rules
 * in the container's own network namespace, or its bridge network taken away). Each method returns a description
 * of what it did, for the report; {@link #heal(ServiceInstance)} undoes every partition of the instance.
 */
public interface NetworkPartitions {

    /** Cuts the instance off from everything: clients, ZooKeeper, the database and the other instances. */
    String isolate(ServiceInstance instance);

    /** Cuts the instance off from the ZooKeeper servers only; clients and the database still reach it. */
    String cutFromZooKeeper(ServiceInstance instance);

    /** Cuts the instance off from the database only; clients and ZooKeeper still reach it. */
    String cutFromDatabase(ServiceInstance instance);

    /** Undoes every partition of the instance. */
    void heal(ServiceInstance instance);
}
