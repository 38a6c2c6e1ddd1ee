/** Start-up wiring of the order service that depends on the environment it runs in. */
package dev.steadfast.demo.order.config;
