/** Auto-configuration, properties and start-up checks of the warm-up before readiness. */
package dev.steadfast.warmup.autoconfigure;
