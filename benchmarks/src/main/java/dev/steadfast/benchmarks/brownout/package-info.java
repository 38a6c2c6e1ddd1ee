/**
 * The brownout benchmark: a ZooKeeper process, two payment instances and one order instance as separate JVMs under
 * open-loop load, through partial failures, with and without Steadfast's instance-aware load balancing.
 */
package dev.steadfast.benchmarks.brownout;
