/**
 * Warm-up before readiness: an application sends itself configured requests after its web server has started and
 * before it reports {@code ACCEPTING_TRAFFIC}, so that its first real requests do not pay for class loading, JIT,
 * connection pools and first queries. This package is the public API (the completion event); the sender lives in
 * {@code dev.steadfast.warmup.internal} and is built only by {@code dev.steadfast.warmup.autoconfigure}.
 */
package dev.steadfast.warmup;
