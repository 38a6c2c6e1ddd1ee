/**
 * The failover benchmark: a real ZooKeeper server process and two Spring Boot applications using the starter,
 * each a separate JVM; measures how long the standby takes to lead after the leader is killed or stopped.
 */
package dev.steadfast.benchmarks.failover;
