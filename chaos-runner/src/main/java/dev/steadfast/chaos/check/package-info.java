/**
 * The checker: reads both services' tables over JDBC and, with the history and the observed leadership terms,
 * verifies the seven invariants of a chaos run, one class per invariant, and prints the verdict.
 */
package dev.steadfast.chaos.check;
