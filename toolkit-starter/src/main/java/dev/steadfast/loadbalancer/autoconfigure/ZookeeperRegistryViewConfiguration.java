package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.loadbalancer.internal.ZookeeperRegistryView;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The watch-driven view of services registered in ZooKeeper, when Spring Cloud Zookeeper discovery is active. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ServiceDiscovery.class, ZookeeperServiceInstance.class})
@ConditionalOnBean(ServiceDiscovery.class)
@ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.discovery.watch", matchIfMissing = true)
class ZookeeperRegistryViewConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ZookeeperRegistryView zookeeperRegistryView(
            ServiceDiscovery<ZookeeperInstance> discovery, LoadBalancerProperties properties) {
        return new ZookeeperRegistryView(
                discovery,
                properties.getRequiredServices(),
                properties.getDiscovery().getRetryInterval());
    }
}
