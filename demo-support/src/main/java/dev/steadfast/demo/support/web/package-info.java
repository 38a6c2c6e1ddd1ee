/** HTTP concerns shared by the demo services' controllers: problem details for bad requests. */
package dev.steadfast.demo.support.web;
