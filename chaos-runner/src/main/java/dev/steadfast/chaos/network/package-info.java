/**
 * Network faults between one service instance and the systems it depends on (ZooKeeper, the database), behind a
 * topology-neutral {@link dev.steadfast.chaos.network.NetworkLinks}: the local runner puts a TCP proxy of its own
 * on every such link; a container topology can cut the same links with its network tools.
 */
package dev.steadfast.chaos.network;
