/**
 * The overload benchmark: a service of fixed capacity driven open-loop at 0.5x to 4x of it, with no limit, a static
 * bulkhead of 25 and the adaptive limits (inbound load shedding, adaptive bulkhead): goodput, p99 and rejections.
 */
package dev.steadfast.benchmarks.overload;
