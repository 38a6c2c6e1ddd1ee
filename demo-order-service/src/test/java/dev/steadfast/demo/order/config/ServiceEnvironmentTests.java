package dev.steadfast.demo.order.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ServiceEnvironmentTests {

    private final ServiceEnvironment postProcessor = new ServiceEnvironment();

    @Test
    void withoutZooKeeperTurnsSpringCloudZookeeperOffAndCallsTheLocalPaymentService() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "order-service");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.zookeeper.discovery.enabled"))
                .isEqualTo("false");
        assertThat(environment.getProperty("order.payment.url")).isEqualTo("http://localhost:8081");
        assertThat(environment.getProperty("order.payment.via-discovery")).isEqualTo("false");
        assertThat(environment.getProperty("order.instance-id")).startsWith("order-service-");
    }

    @Test
    void withZooKeeperLeavesDiscoveryOnAndFindsPaymentServiceThroughIt() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("spring.cloud.zookeeper.connect-string", "127.0.0.1:2181");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.zookeeper.enabled")).isNull();
        assertThat(environment.getProperty("order.payment.url")).isNull();
        assertThat(environment.getProperty("order.payment.via-discovery")).isEqualTo("true");
    }

    @Test
    void takesInstanceIdAndPaymentUrlFromTheEnvironmentVariables() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.cloud.zookeeper.connect-string", "127.0.0.1:2181")
                .withProperty("INSTANCE_ID", "order-2")
                .withProperty("PAYMENT_SERVICE_URL", "http://127.0.0.1:9999");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("order.instance-id")).isEqualTo("order-2");
        assertThat(environment.getProperty("order.payment.url")).isEqualTo("http://127.0.0.1:9999");
        assertThat(environment.getProperty("order.payment.via-discovery")).isEqualTo("false");
    }

    @Test
    void explicitPropertiesWinOverTheDerivedDefaults() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("INSTANCE_ID", "order-2")
                .withProperty("order.instance-id", "explicit");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("order.instance-id")).isEqualTo("explicit");
    }
}
