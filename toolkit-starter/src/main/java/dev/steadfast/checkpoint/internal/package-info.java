/**
 * The implementation of checkpointed state: the envelope codec, the zookeeper, filesystem and jdbc stores, and
 * the manager that ties them to the lifecycle and to leader election. Built only by
 * {@code dev.steadfast.checkpoint.autoconfigure}.
 */
package dev.steadfast.checkpoint.internal;
