/**
 * Test-only failpoints: each removes one protection of the order service so that a chaos run can show that its
 * checker catches the damage. All are off unless {@code order.failpoints.enabled} names them; never set it
 * outside a chaos run.
 */
package dev.steadfast.demo.order.failpoint;
