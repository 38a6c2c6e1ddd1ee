/**
 * The load generator and the history it records: every order request as invoked and then ok, failed or unknown,
 * the way Jepsen records operations.
 */
package dev.steadfast.chaos.load;
