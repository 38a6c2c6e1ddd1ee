/** Auto-configuration of leader election, {@code @LeaderOnly}, and their actuator and metrics support. */
package dev.steadfast.leader.autoconfigure;
