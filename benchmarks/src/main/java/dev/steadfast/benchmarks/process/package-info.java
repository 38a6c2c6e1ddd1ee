/**
 * Services under test in JVMs of their own, apart from the benchmark's, so that the driver's CPU and garbage never
 * land in the measured service: launch, output, readiness, faults by signal, stop.
 */
package dev.steadfast.benchmarks.process;
