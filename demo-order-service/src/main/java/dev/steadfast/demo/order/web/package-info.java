/** HTTP concerns shared by the order service's controllers: problem details for bad requests. */
package dev.steadfast.demo.order.web;
