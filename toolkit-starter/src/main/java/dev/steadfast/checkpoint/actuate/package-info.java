/** The {@code checkpoints} actuator endpoint. */
package dev.steadfast.checkpoint.actuate;
