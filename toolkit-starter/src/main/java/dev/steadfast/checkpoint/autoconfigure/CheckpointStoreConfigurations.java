package dev.steadfast.checkpoint.autoconfigure;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.InvalidCheckpointConfigurationException;
import dev.steadfast.checkpoint.autoconfigure.CheckpointProperties.StoreType;
import dev.steadfast.checkpoint.internal.FilesystemCheckpointStore;
import dev.steadfast.checkpoint.internal.JdbcCheckpointStore;
import dev.steadfast.checkpoint.internal.JdbcSchemaInitializer;
import dev.steadfast.checkpoint.internal.LeaderOnlyRestoreGuard;
import dev.steadfast.checkpoint.internal.ZookeeperCheckpointStore;
import dev.steadfast.leader.LeaderElections;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.unit.DataSize;

/** The store and guard configurations imported, in this order, by {@link CheckpointAutoConfiguration}. */
final class CheckpointStoreConfigurations {

    /** jute.maxbuffer's default is 1 MB minus one byte; the transaction around the envelope needs some room. */
    private static final DataSize ZOOKEEPER_LIMIT = DataSize.ofKilobytes(1000);

    private CheckpointStoreConfigurations() {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnProperty(name = "steadfast.checkpoint.store", havingValue = "jdbc")
    static class Jdbc {

        @Bean
        @ConditionalOnMissingBean(CheckpointStore.class)
        JdbcCheckpointStore checkpointStore(CheckpointProperties properties, ObjectProvider<JdbcTemplate> jdbc)
                throws MetaDataAccessException {
            JdbcTemplate template = jdbc.getIfAvailable();
            if (template == null) {
                throw new InvalidCheckpointConfigurationException(
                        "steadfast.checkpoint.store=jdbc",
                        "there is no JdbcTemplate bean",
                        "Configure a DataSource (spring.datasource.url) or choose another store.");
            }
            if (properties.getJdbc().isInitializeSchema()) {
                new JdbcSchemaInitializer(template.getDataSource()).initialize();
            }
            return new JdbcCheckpointStore(template, properties.getRetain());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Default {

        @Bean
        @ConditionalOnMissingBean(CheckpointStore.class)
        CheckpointStore checkpointStore(CheckpointProperties properties, ObjectProvider<CuratorFramework> curator) {
            StoreType type = properties.getStore();
            CuratorFramework client = curator.getIfAvailable();
            if (type == StoreType.JDBC) {
                throw new InvalidCheckpointConfigurationException(
                        "steadfast.checkpoint.store=jdbc",
                        "spring-jdbc is not on the classpath",
                        "Add spring-boot-starter-jdbc and a DataSource, or choose another store.");
            }
            if (type == StoreType.ZOOKEEPER && client == null) {
                throw new InvalidCheckpointConfigurationException(
                        "steadfast.checkpoint.store=zookeeper",
                        "no ZooKeeper client is configured",
                        "Set steadfast.zookeeper.connect-string, or use steadfast.checkpoint.store=filesystem.");
            }
            if (type == StoreType.FILESYSTEM || client == null) {
                return new FilesystemCheckpointStore(properties.getFilesystem().getDirectory(), properties.getRetain());
            }
            CheckpointProperties.Zookeeper zookeeper = properties.getZookeeper();
            if (zookeeper.getMaxSize().compareTo(ZOOKEEPER_LIMIT) > 0
                    || zookeeper.getMaxSize().toBytes() < 1) {
                throw new InvalidCheckpointConfigurationException(
                        "steadfast.checkpoint.zookeeper.max-size=" + zookeeper.getMaxSize(),
                        "must be between 1B and 1000KB, under ZooKeeper's jute.maxbuffer",
                        "Lower it (default 256KB) and set steadfast.checkpoint.zookeeper.blob-directory for larger "
                                + "states.");
            }
            return new ZookeeperCheckpointStore(
                    client,
                    zookeeper.getBasePath(),
                    properties.getRetain(),
                    zookeeper.getMaxSize().toBytes(),
                    zookeeper.getBlobDirectory());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Guard {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean
        static LeaderOnlyRestoreGuard leaderOnlyRestoreGuard(
                ObjectProvider<CheckpointManager> manager,
                ObjectProvider<LeaderElections> elections,
                Environment environment) {
            // Static and property-driven: advisors are created before configuration properties are bound.
            Duration timeout = environment.getProperty(
                    "steadfast.checkpoint.restore-timeout", Duration.class, Duration.ofSeconds(10));
            return new LeaderOnlyRestoreGuard(manager::getObject, elections::getIfAvailable, timeout);
        }
    }
}
