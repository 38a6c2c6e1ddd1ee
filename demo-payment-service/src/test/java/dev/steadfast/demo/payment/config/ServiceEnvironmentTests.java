package dev.steadfast.demo.payment.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ServiceEnvironmentTests {

    private final ServiceEnvironment postProcessor = new ServiceEnvironment();

    @Test
    void withoutZooKeeperTurnsSpringCloudZookeeperOff() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "payment-service");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.service-registry.auto-registration.enabled"))
                .isEqualTo("false");
        assertThat(environment.getProperty("payment.instance-id")).startsWith("payment-service-");
    }

    @Test
    void withZooKeeperLeavesSpringCloudZookeeperOnAndNamesTheInstanceFromInstanceId() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.cloud.zookeeper.connect-string", "127.0.0.1:2181")
                .withProperty("INSTANCE_ID", "payment-1");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled")).isNull();
        assertThat(environment.getProperty("payment.instance-id")).isEqualTo("payment-1");
    }

    @Test
    void theActOnLapsedLeaseFailpointTurnsOnTheStartersTestOnlyHook() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("payment.failpoints.enabled", "skip-assert-leader,act-on-lapsed-lease");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("steadfast.leader.test-only.act-on-lapsed-lease"))
                .isEqualTo("true");
    }

    @Test
    void otherFailpointsLeaveTheStartersTestOnlyHookOff() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("payment.failpoints.enabled", "skip-assert-leader");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("steadfast.leader.test-only.act-on-lapsed-lease"))
                .isNull();
    }
}
