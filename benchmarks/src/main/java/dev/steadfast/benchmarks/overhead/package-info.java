/**
 * The overhead benchmark: the cost of a call through the starter's annotated bean against raw Resilience4j
 * decorators and a direct call, measured in one JMH run.
 */
package dev.steadfast.benchmarks.overhead;
