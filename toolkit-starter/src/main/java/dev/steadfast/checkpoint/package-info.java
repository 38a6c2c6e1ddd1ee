/**
 * Checkpointed state that survives failover: the public API and the {@link dev.steadfast.checkpoint.CheckpointStore}
 * SPI. Stores live in {@code dev.steadfast.checkpoint.internal}; nothing here refers to ZooKeeper or Curator.
 */
package dev.steadfast.checkpoint;
