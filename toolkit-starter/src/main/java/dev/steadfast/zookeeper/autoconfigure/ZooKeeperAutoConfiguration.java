package dev.steadfast.zookeeper.autoconfigure;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.zookeeper.CuratorFrameworkCustomizer;
import dev.steadfast.zookeeper.internal.SessionTimeoutCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The shared Curator client, built from {@code steadfast.zookeeper.*}. Runs before Spring Cloud Zookeeper's
 * auto-configuration so that, when both are present, this client (with its short timeouts) is the one both use;
 * backs off when the application defines its own {@link CuratorFramework}.
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration")
@ConditionalOnClass(CuratorFramework.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.zookeeper.enabled", matchIfMissing = true)
@Conditional(OnZooKeeperConnectStringCondition.class)
@EnableConfigurationProperties(ZooKeeperProperties.class)
@Import(ZooKeeperAutoConfiguration.SpringCloudCustomizers.class)
public final class ZooKeeperAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CuratorFramework curatorFramework(
            ZooKeeperProperties properties,
            Environment environment,
            ObjectProvider<CuratorFrameworkCustomizer> customizers) {
        validate(properties);
        ZooKeeperProperties.Retry retry = properties.getRetry();
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(OnZooKeeperConnectStringCondition.connectString(environment))
                .sessionTimeoutMs(Math.toIntExact(properties.getSessionTimeout().toMillis()))
                .connectionTimeoutMs(
                        Math.toIntExact(properties.getConnectionTimeout().toMillis()))
                .retryPolicy(new BoundedExponentialBackoffRetry(
                        Math.toIntExact(retry.getBaseSleep().toMillis()),
                        Math.toIntExact(retry.getMaxSleep().toMillis()),
                        retry.getMaxRetries()));
        if (StringUtils.hasText(properties.getNamespace())) {
            builder.namespace(properties.getNamespace());
        }
        ZooKeeperProperties.Auth auth = properties.getAuth();
        if (StringUtils.hasText(auth.getUsername())) {
            String credentials = auth.getUsername() + ":" + (auth.getPassword() != null ? auth.getPassword() : "");
            builder.authorization("digest", credentials.getBytes(StandardCharsets.UTF_8))
                    .aclProvider(creatorAcl(auth.isWorldReadable()));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        CuratorFramework client = builder.build();
        client.getConnectionStateListenable().addListener(new SessionTimeoutCheck(properties.getSessionTimeout()));
        // Starting does not wait for a server: an application whose ZooKeeper is down still starts, as a follower.
        client.start();
        return client;
    }

    static void validate(ZooKeeperProperties properties) {
        if (properties.getSessionTimeout().toMillis() < 1) {
            throw new InvalidSteadfastPropertyException(
                    "steadfast.zookeeper.session-timeout",
                    "must be positive, was " + properties.getSessionTimeout(),
                    "Set steadfast.zookeeper.session-timeout to a positive duration such as 6s.");
        }
        if (properties.getConnectionTimeout().compareTo(properties.getSessionTimeout()) > 0) {
            throw new InvalidSteadfastPropertyException(
                    "steadfast.zookeeper.connection-timeout",
                    "the connection timeout " + properties.getConnectionTimeout()
                            + " is longer than the session timeout " + properties.getSessionTimeout()
                            + ", so a session can expire while the client still waits to connect",
                    "Set steadfast.zookeeper.connection-timeout at or below steadfast.zookeeper.session-timeout"
                            + " (half of it is a good value).");
        }
    }

    /** Applies Spring Cloud Zookeeper's customizers too, so that they keep working on the one shared client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer")
    static class SpringCloudCustomizers {

        @Bean
        CuratorFrameworkCustomizer springCloudZookeeperCustomizers(
                ObjectProvider<org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer> customizers) {
            return builder -> customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        }
    }

    private static ACLProvider creatorAcl(boolean worldReadable) {
        List<ACL> acl = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
        if (worldReadable) {
            acl.addAll(ZooDefs.Ids.READ_ACL_UNSAFE);
        }
        // Not List.copyOf: ZooKeeper validates ACLs with contains(null), which immutable lists refuse.
        List<ACL> result = Collections.unmodifiableList(acl);
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return result;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return result;
            }
        };
    }
}
