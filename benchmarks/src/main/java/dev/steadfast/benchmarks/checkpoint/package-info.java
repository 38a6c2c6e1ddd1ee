/** The checkpoint benchmark: save and restore through the stores against raw ZooKeeper and file writes. */
package dev.steadfast.benchmarks.checkpoint;
