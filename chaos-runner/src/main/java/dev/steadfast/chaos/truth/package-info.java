/**
 * Ground truth of a run taken from the systems themselves rather than from the services' testimony: leadership
 * terms rebuilt from ZooKeeper's transaction logs, and the failovers they show.
 */
package dev.steadfast.chaos.truth;
