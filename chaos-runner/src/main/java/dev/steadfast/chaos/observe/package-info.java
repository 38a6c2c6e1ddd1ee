/** Watches who leads each service by polling every instance's {@code /actuator/leader}, and measures failovers. */
package dev.steadfast.chaos.observe;
