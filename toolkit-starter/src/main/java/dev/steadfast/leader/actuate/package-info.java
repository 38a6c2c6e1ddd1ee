/** Actuator support for leader election: the {@code leader} health contributor and endpoint. */
package dev.steadfast.leader.actuate;
