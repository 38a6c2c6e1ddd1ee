/**
 * Leader election with fencing tokens: the public API. Nothing here refers to ZooKeeper or Curator;
 * the implementation lives in {@code dev.steadfast.leader.internal} and is built only by
 * {@code dev.steadfast.leader.autoconfigure}.
 */
package dev.steadfast.leader;
