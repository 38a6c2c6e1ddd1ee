/**
 * The chaos demo runner behind {@code ./demo}: starts ZooKeeper, a shared database and two instances of each demo
 * service as local processes, drives orders while injecting a seeded fault schedule, then checks and reports.
 */
package dev.steadfast.chaos;
