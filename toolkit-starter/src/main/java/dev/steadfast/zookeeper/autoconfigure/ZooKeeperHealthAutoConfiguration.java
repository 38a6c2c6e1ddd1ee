package dev.steadfast.zookeeper.autoconfigure;

import dev.steadfast.zookeeper.health.ZooKeeperHealthIndicator;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zookeeper} health contributor. Runs after Spring Cloud Zookeeper's health auto-configuration and
 * backs off when it contributed one of the same name.
 */
@AutoConfiguration(
        after = ZooKeeperAutoConfiguration.class,
        afterName = {
            "org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration",
            "org.springframework.cloud.zookeeper.ZookeeperHealthAutoConfiguration"
        })
@ConditionalOnClass({CuratorFramework.class, HealthIndicator.class})
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.zookeeper.enabled", matchIfMissing = true)
@ConditionalOnBean(CuratorFramework.class)
@ConditionalOnEnabledHealthIndicator("zookeeper")
public final class ZooKeeperHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "zookeeperHealthIndicator")
    ZooKeeperHealthIndicator zookeeperHealthIndicator(CuratorFramework client) {
        return new ZooKeeperHealthIndicator(client);
    }
}
