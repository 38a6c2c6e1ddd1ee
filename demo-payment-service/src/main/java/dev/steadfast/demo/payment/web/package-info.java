/** HTTP concerns shared by the payment service's controllers: problem details for bad requests. */
package dev.steadfast.demo.payment.web;
