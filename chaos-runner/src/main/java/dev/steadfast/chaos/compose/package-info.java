/**
 * The chaos run's second topology: the zookeeper-compose containers (a ZooKeeper ensemble of three, PostgreSQL,
 * two payment and two order instances) in a compose project of the run's own, driven through the docker CLI. Faults
 * become container operations and real network partitions on the project's own bridge network.
 */
package dev.steadfast.chaos.compose;
