package dev.steadfast.zookeeper.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.testsupport.RegisteredFailureAnalyzers;
import dev.steadfast.zookeeper.CuratorFrameworkCustomizer;
import dev.steadfast.zookeeper.health.ZooKeeperHealthIndicator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class ZooKeeperAutoConfigurationTests {

    // Port 1 never answers: the client is built and started but never connects, which is all these tests need.
    private static final String UNREACHABLE = "steadfast.zookeeper.connect-string=127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(ZooKeeperAutoConfiguration.class, ZooKeeperHealthAutoConfiguration.class));

    @Test
    void staysOffWithoutAConnectString() {
        runner.run(context -> assertThat(context).doesNotHaveBean(CuratorFramework.class));
    }

    @Test
    void buildsAStartedClientFromTheProperties() {
        runner.withPropertyValues(
                        UNREACHABLE, "steadfast.zookeeper.connection-timeout=2s", "steadfast.zookeeper.namespace=app")
                .run(context -> {
                    CuratorFramework client = context.getBean(CuratorFramework.class);
                    assertThat(client.getZookeeperClient().getCurrentConnectionString())
                            .isEqualTo("127.0.0.1:1");
                    assertThat(client.getZookeeperClient().getConnectionTimeoutMs())
                            .isEqualTo(2000);
                    assertThat(client.getNamespace()).isEqualTo("app");
                    assertThat(context).hasSingleBean(ZooKeeperHealthIndicator.class);
                });
    }

    @Test
    void fallsBackToSpringCloudZookeepersConnectString() {
        runner.withPropertyValues("spring.cloud.zookeeper.connect-string=127.0.0.1:2")
                .run(context -> assertThat(context.getBean(CuratorFramework.class)
                                .getZookeeperClient()
                                .getCurrentConnectionString())
                        .isEqualTo("127.0.0.1:2"));
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        runner.withPropertyValues(UNREACHABLE, "steadfast.zookeeper.namespace=from-properties")
                .withUserConfiguration(Customizers.class)
                .run(context -> assertThat(
                                context.getBean(CuratorFramework.class).getNamespace())
                        .isEqualTo("second"));
    }

    @Test
    void backsOffWhenTheApplicationDefinesAClient() {
        runner.withPropertyValues(UNREACHABLE)
                .withUserConfiguration(OwnClient.class)
                .run(context -> assertThat(context.getBean(CuratorFramework.class))
                        .isSameAs(context.getBean(OwnClient.class).client));
    }

    @Test
    void isTheOneClientWhenSpringCloudZookeeperIsPresent() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZooKeeperAutoConfiguration.class))
                .withPropertyValues(UNREACHABLE, "steadfast.zookeeper.connection-timeout=1500ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(CuratorFramework.class);
                    assertThat(context.getBean(CuratorFramework.class)
                                    .getZookeeperClient()
                                    .getConnectionTimeoutMs())
                            .isEqualTo(1500);
                });
    }

    @Test
    void appliesSpringCloudZookeeperCustomizersToo() {
        runner.withPropertyValues(UNREACHABLE)
                .withBean(
                        org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer.class,
                        () -> builder -> builder.namespace("cloud"))
                .run(context -> assertThat(
                                context.getBean(CuratorFramework.class).getNamespace())
                        .isEqualTo("cloud"));
    }

    @Test
    void turnsOffWithItsOwnPropertyOrTheToolkitSwitch() {
        runner.withPropertyValues(UNREACHABLE, "steadfast.zookeeper.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CuratorFramework.class));
        runner.withPropertyValues(UNREACHABLE, "steadfast.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CuratorFramework.class));
    }

    @Test
    void refusesAConnectionTimeoutLongerThanTheSessionTimeoutNamingTheProperty() {
        runner.withPropertyValues(
                        UNREACHABLE,
                        "steadfast.zookeeper.session-timeout=2s",
                        "steadfast.zookeeper.connection-timeout=5s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("steadfast.zookeeper.connection-timeout");
                    assertThat(analysis.getAction()).contains("steadfast.zookeeper.session-timeout");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        @Bean
        @Order(2)
        CuratorFrameworkCustomizer second() {
            return builder -> builder.namespace("second");
        }

        @Bean
        @Order(1)
        CuratorFrameworkCustomizer first() {
            return builder -> builder.namespace("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {

        final CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:3", new RetryOneTime(10));

        @Bean
        CuratorFramework ownClient() {
            return client;
        }
    }
}
