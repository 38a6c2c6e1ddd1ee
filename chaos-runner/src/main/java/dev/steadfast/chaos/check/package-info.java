/**
 * The checker: reads both services' tables over JDBC and, with the history and the observed leadership terms,
 * verifies the five invariants of a chaos run and prints the verdict.
 */
package dev.steadfast.chaos.check;
