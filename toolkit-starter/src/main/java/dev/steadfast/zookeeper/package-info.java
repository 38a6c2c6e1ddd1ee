/**
 * The shared ZooKeeper client: extension points applied to the Curator client that the starter builds from
 * {@code steadfast.zookeeper.*}.
 */
package dev.steadfast.zookeeper;
