package dev.steadfast.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.retry.annotation.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * A retry under Resilience4j's {@code @Retry} of a {@code Mono} from a {@code @LoadBalanced WebClient.Builder} goes
 * to the instance its call has not tried, although the retry resubscribes on another thread. The client chooses at
 * random: without the feature about one call in four would try the failing instance twice and fail. Outlier ejection
 * is off, so only the retry's choice helps.
 */
class WebClientRetryElsewhereIT {

    @Test
    void retryOfAReactiveCallGoesToTheInstanceItHasNotTried() {
        try (Instances instances = new Instances(2);
                ConfigurableApplicationContext context = start(instances)) {
            instances.failing(0);
            ReactivePingClient client = context.getBean(ReactivePingClient.class);

            for (int i = 0; i < 40; i++) {
                assertThat(client.pingWithRetry().block(Duration.ofSeconds(10))).isEqualTo("pong");
            }

            assertThat(instances.requests(1)).isEqualTo(40);
            assertThat(instances.requests(0)).isPositive();
        }
    }

    @Test
    void aHedgeCarryingTheCallsTriedInstancesGoesToAnInstanceTheCallHasNotTried() {
        try (Instances instances = new Instances(2);
                ConfigurableApplicationContext context = start(instances)) {
            ReactivePingClient client = context.getBean(ReactivePingClient.class);

            for (int i = 0; i < 20; i++) {
                TriedInstances call = TriedInstances.newCall();
                client.ping(call).block(Duration.ofSeconds(10));
                client.ping(call).block(Duration.ofSeconds(10));
                assertThat(call.instances()).containsExactlyInAnyOrder(instances.key(0), instances.key(1));
            }
        }
    }

    private static ConfigurableApplicationContext start(Instances instances) {
        List<String> properties = new ArrayList<>(instances.discoveryProperties("payment"));
        properties.add("spring.cloud.zookeeper.enabled=false");
        properties.add("steadfast.loadbalancer.outlier.enabled=false");
        properties.add("resilience4j.retry.instances.ping.max-attempts=2");
        properties.add("resilience4j.retry.instances.ping.wait-duration=1ms");
        // WebClient's 5xx exception is not one the default transient-failure predicate knows.
        properties.add("resilience4j.retry.instances.ping.retry-exceptions="
                + "org.springframework.web.reactive.function.client.WebClientResponseException");
        return new SpringApplicationBuilder(ReactiveClientApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    /** The starter and a client from a {@code @LoadBalanced WebClient.Builder} calling the service {@code payment}. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(LoadBalancedBuilders.class)
    @LoadBalancerClient(name = "payment", configuration = RandomChoice.class)
    static class ReactiveClientApplication {

        @Bean
        ReactivePingClient reactivePingClient(WebClient.Builder loadBalancedWebClientBuilder) {
            return new ReactivePingClient(
                    loadBalancedWebClientBuilder.baseUrl("http://payment").build());
        }
    }

    /** Calls {@code GET /ping} of one payment instance. */
    static class ReactivePingClient {

        private final WebClient client;

        ReactivePingClient(WebClient client) {
            this.client = client;
        }

        @Retry(name = "ping")
        public Mono<String> pingWithRetry() {
            return client.get().uri("/ping").retrieve().bodyToMono(String.class);
        }

        /** One attempt of a call whose tried instances the caller keeps, as a hedge would. */
        Mono<String> ping(TriedInstances call) {
            return client.get()
                    .uri("/ping")
                    .attribute(TriedInstances.ATTRIBUTE, call)
                    .retrieve()
                    .bodyToMono(String.class);
        }
    }
}
