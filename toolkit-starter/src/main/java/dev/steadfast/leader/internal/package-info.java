/**
 * The ZooKeeper implementation of leader election, on Curator's {@code LeaderLatch}; not an API. Built only by
 * {@code dev.steadfast.leader.autoconfigure}.
 */
package dev.steadfast.leader.internal;
