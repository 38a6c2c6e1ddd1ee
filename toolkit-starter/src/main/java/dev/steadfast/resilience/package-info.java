/**
 * Resilient calls: Resilience4j's annotations with safe defaults for every instance name, a deliberate
 * aspect order, and start-up checks for the mistakes Resilience4j only logs. The public API is the
 * retry predicate users may reuse in their own configuration and the exception that stops a misconfigured
 * application; the rest lives in {@code internal} and {@code autoconfigure}.
 */
package dev.steadfast.resilience;
