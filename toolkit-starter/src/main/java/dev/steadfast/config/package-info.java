/**
 * Configuration errors shared by every Steadfast feature: {@link dev.steadfast.config.InvalidSteadfastPropertyException}
 * and the failure analyzer that turns it into Boot's start-up report. A package of its own because the ZooKeeper,
 * leader, load-balancer, warm-up and limit features all throw it, and none of them owns it; it depends on no feature.
 */
package dev.steadfast.config;
