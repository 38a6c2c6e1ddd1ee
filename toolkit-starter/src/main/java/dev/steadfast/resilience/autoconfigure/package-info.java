/**
 * Auto-configuration of the resilience layer: Resilience4j defaults through the environment, and the start-up
 * checks of annotated beans.
 */
package dev.steadfast.resilience.autoconfigure;
