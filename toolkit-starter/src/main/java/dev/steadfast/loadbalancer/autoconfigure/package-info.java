/** Auto-configuration of instance-aware load balancing for Spring Cloud LoadBalancer clients. */
package dev.steadfast.loadbalancer.autoconfigure;
