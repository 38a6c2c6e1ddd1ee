package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.loadbalancer.internal.RequiredServicesWarmUp;
import dev.steadfast.loadbalancer.internal.ZookeeperRegistryView;
import java.time.Duration;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The watch-driven view of services registered in ZooKeeper, when Spring Cloud Zookeeper discovery is active, and the
 * warm-up of the required services' load balancers before the application reports ready. Without discovery (a fixed
 * URL) there is no list to warm and no warm-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ServiceDiscovery.class, ZookeeperServiceInstance.class})
@ConditionalOnBean(ServiceDiscovery.class)
@ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.discovery.watch", matchIfMissing = true)
class ZookeeperRegistryViewConfiguration {

    /** How long the warm-up waits for one instance choice or one connection. */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    @ConditionalOnMissingBean
    ZookeeperRegistryView zookeeperRegistryView(
            ServiceDiscovery<ZookeeperInstance> discovery, LoadBalancerProperties properties) {
        return new ZookeeperRegistryView(
                discovery,
                properties.getRequiredServices(),
                properties.getDiscovery().getRetryInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LoadBalancerClientFactory.class)
    RequiredServicesWarmUp requiredServicesWarmUp(
            LoadBalancerClientFactory factory, LoadBalancerProperties properties) {
        return new RequiredServicesWarmUp(
                properties.getRequiredServices(),
                factory,
                WARM_UP_TIMEOUT,
                properties.getDiscovery().getRetryInterval());
    }
}
