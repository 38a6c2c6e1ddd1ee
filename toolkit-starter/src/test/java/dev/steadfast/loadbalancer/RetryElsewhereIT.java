package dev.steadfast.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.loadbalancer.LoadBalancedClientTestApplication.PingClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A retry under Resilience4j's {@code @Retry} goes to an instance its call has not tried. The client chooses at
 * random, which is how a shared round-robin counter behaves under concurrent load: without the feature about one
 * call in four would try the failing instance twice. Outlier ejection is off, so only the retry's choice helps.
 */
class RetryElsewhereIT {

    @Test
    void retryOfALogicalCallGoesToTheInstanceItHasNotTried() {
        try (Instances instances = new Instances(2);
                ConfigurableApplicationContext context = start(instances)) {
            instances.failing(0);
            PingClient client = context.getBean(PingClient.class);

            for (int i = 0; i < 40; i++) {
                assertThat(client.pingWithRetry()).isEqualTo("pong");
            }

            assertThat(instances.requests(1)).isEqualTo(40);
            assertThat(instances.requests(0)).isPositive();
        }
    }

    private static ConfigurableApplicationContext start(Instances instances) {
        List<String> properties = new ArrayList<>(instances.discoveryProperties("payment"));
        properties.add("spring.cloud.zookeeper.enabled=false");
        properties.add("steadfast.loadbalancer.outlier.enabled=false");
        properties.add("resilience4j.retry.instances.ping.max-attempts=2");
        properties.add("resilience4j.retry.instances.ping.wait-duration=1ms");
        return new SpringApplicationBuilder(LoadBalancedClientTestApplication.class, RandomChoiceForPayment.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    @Configuration(proxyBeanMethods = false)
    @LoadBalancerClient(name = "payment", configuration = RandomChoice.class)
    static class RandomChoiceForPayment {}
}
