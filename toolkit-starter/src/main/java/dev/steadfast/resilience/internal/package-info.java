/**
 * Implementation of the resilience layer: the start-up checks of annotated beans and their failure analysis.
 * Built only by {@code dev.steadfast.resilience.autoconfigure}.
 */
package dev.steadfast.resilience.internal;
