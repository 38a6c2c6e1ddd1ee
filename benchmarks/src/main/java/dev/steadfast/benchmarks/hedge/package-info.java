/**
 * The hedge benchmark: two instances of a dependency, one with a long tail, called through a load-balanced client
 * with and without {@code @Hedge}, in the same run.
 */
package dev.steadfast.benchmarks.hedge;
