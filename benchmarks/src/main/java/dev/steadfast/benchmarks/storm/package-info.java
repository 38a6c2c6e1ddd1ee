/**
 * The storm benchmark: a dependency down for a while, callers at a fixed rate, and the attempts per logical call
 * that reach it with Steadfast's retry budget and with plain Resilience4j retries.
 */
package dev.steadfast.benchmarks.storm;
