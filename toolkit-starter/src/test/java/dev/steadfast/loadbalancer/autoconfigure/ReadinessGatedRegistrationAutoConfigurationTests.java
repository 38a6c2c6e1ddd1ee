package dev.steadfast.loadbalancer.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.loadbalancer.internal.ReadinessGatedRegistrationPostProcessor;
import dev.steadfast.loadbalancer.internal.ReadinessGatedZookeeperAutoServiceRegistration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryAutoConfiguration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistryAutoConfiguration;
import org.springframework.cloud.zookeeper.support.CuratorServiceDiscoveryAutoConfiguration;

/** Which auto-registration an application gets, with Spring Cloud Zookeeper's own auto-configuration against a real ZooKeeper. */
class ReadinessGatedRegistrationAutoConfigurationTests {

    private static TestingServer zookeeper;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ReadinessGatedRegistrationAutoConfiguration.class,
                    UtilAutoConfiguration.class,
                    ZookeeperAutoConfiguration.class,
                    CuratorServiceDiscoveryAutoConfiguration.class,
                    ZookeeperDiscoveryAutoConfiguration.class,
                    ZookeeperServiceRegistryAutoConfiguration.class,
                    ZookeeperAutoServiceRegistrationAutoConfiguration.class))
            .withPropertyValues("spring.application.name=gated")
            .withPropertyValues("spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString());

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    @Test
    void registersOnlyOnceReadyInPlaceOfSpringCloudsAutoRegistrationByDefault() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(ZookeeperAutoServiceRegistration.class)
                .getBean("zookeeperAutoServiceRegistration")
                .isInstanceOf(ReadinessGatedZookeeperAutoServiceRegistration.class));
    }

    @Test
    void leavesSpringCloudsAutoRegistrationAloneWhenRegisterWhenReadyIsOff() {
        runner.withPropertyValues("steadfast.loadbalancer.register-when-ready=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ReadinessGatedRegistrationPostProcessor.class)
                        .getBean(ZookeeperAutoServiceRegistration.class)
                        .isExactlyInstanceOf(ZookeeperAutoServiceRegistration.class));
    }

    @Test
    void leavesSpringCloudsAutoRegistrationAloneWhenSteadfastIsOff() {
        runner.withPropertyValues("steadfast.enabled=false").run(context -> assertThat(context)
                .getBean(ZookeeperAutoServiceRegistration.class)
                .isExactlyInstanceOf(ZookeeperAutoServiceRegistration.class));
    }

    @Test
    void registersNothingWhenAutoRegistrationIsOff() {
        runner.withPropertyValues("spring.cloud.service-registry.auto-registration.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ZookeeperAutoServiceRegistration.class));
    }

    @Test
    void registersNothingWhenZookeeperDiscoveryIsOff() {
        runner.withPropertyValues("spring.cloud.zookeeper.discovery.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ZookeeperAutoServiceRegistration.class));
    }

    @Test
    void backsOffWithoutSpringCloudZookeeperDiscovery() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReadinessGatedRegistrationAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(ZookeeperAutoServiceRegistration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ReadinessGatedRegistrationPostProcessor.class));
    }
}
