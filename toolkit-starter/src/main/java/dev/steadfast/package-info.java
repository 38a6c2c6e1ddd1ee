/**
 * Steadfast: a resilience toolkit for Spring Boot. Each feature lives in its own package
 * ({@code resilience}, {@code leader}, {@code checkpoint}, ...) with a public API, an {@code internal}
 * implementation and an {@code autoconfigure} package.
 */
package dev.steadfast;
