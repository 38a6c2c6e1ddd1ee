/** Start-up wiring of the payment service that depends on the environment it runs in. */
package dev.steadfast.demo.payment.config;
