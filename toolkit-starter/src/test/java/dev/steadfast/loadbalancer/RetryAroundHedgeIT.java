package dev.steadfast.loadbalancer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steadfast.resilience.Hedge;
import io.github.resilience4j.retry.annotation.Retry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * A Resilience4j {@code @Retry} around a {@code @Hedge} method whose attempts run on other threads: the retry's
 * hedged call, its first attempt and its hedge alike, goes only to instances no attempt of the logical call has tried.
 * Three instances of {@code inventory}, chosen at random: two sick ones answer {@code /stock} with a 503 after 2 s,
 * one healthy answers at once. The hedge starts after 800 ms, so that the first attempt has chosen its instance before
 * (a hedge that starts earlier cannot know that choice; at 400 ms, under a load average of 7, one call sent two
 * requests to the same sick instance, most likely so); a call that starts on a sick instance hedges to one it has not
 * tried, and when that is the other sick one, both fail and the retry must go to the healthy one.
 *
 * <p>Without the feature, a call that has tried both sick instances retries on one of them two times in three (and its
 * hedge too), so of the about eight such calls in 24 none repeating an instance has odds under 1 in 5000.
 */
class RetryAroundHedgeIT {

    private static final String CALL_HEADER = "X-Call";

    private final List<WireMockServer> sick = List.of(server(503, 2000), server(503, 2000));
    private final WireMockServer healthy = server(200, 0);

    @AfterEach
    void stop() {
        sick.forEach(WireMockServer::stop);
        healthy.stop();
    }

    @Test
    void aRetryOfAHedgedBlockingCallGoesOnlyToInstancesItsAttemptsHaveNotTried() {
        try (ConfigurableApplicationContext context = start()) {
            InventoryClient client = context.getBean(InventoryClient.class);
            assertEveryCallAvoidedTheInstancesItTried(client::ping, client::stock);
        }
    }

    @Test
    void aRetryOfAHedgedMonoFromALoadBalancedWebClientGoesOnlyToInstancesItsAttemptsHaveNotTried() {
        try (ConfigurableApplicationContext context = start()) {
            ReactiveInventoryClient client = context.getBean(ReactiveInventoryClient.class);
            assertEveryCallAvoidedTheInstancesItTried(
                    () -> client.ping().block(Duration.ofSeconds(10)),
                    call -> client.stock(call).block(Duration.ofSeconds(20)));
        }
    }

    /** Warms the load balancer and HTTP client up, makes 24 calls, and checks where each call's requests went. */
    private void assertEveryCallAvoidedTheInstancesItTried(Supplier<String> ping, IntFunction<String> stock) {
        for (int warmUp = 0; warmUp < 4; warmUp++) {
            assertThat(ping.get()).isEqualTo("pong");
        }
        for (int call = 0; call < 24; call++) {
            assertThat(stock.apply(call)).as("call %d", call).isEqualTo("stock");
        }
        Map<String, Integer> sickInstancesPerCall = new HashMap<>();
        for (WireMockServer server : sick) {
            Map<String, Integer> requestsPerCall = new HashMap<>();
            server.findAll(getRequestedFor(urlEqualTo("/stock")))
                    .forEach(request -> requestsPerCall.merge(request.getHeader(CALL_HEADER), 1, Integer::sum));
            assertThat(requestsPerCall.values())
                    .as("no attempt went back to a sick instance its call had tried")
                    .containsOnly(1);
            requestsPerCall.keySet().forEach(call -> sickInstancesPerCall.merge(call, 1, Integer::sum));
        }
        assertThat(sickInstancesPerCall.values())
                .as("calls that tried both sick instances, so that a retry of theirs had to avoid both")
                .contains(2);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.cloud.zookeeper.enabled=false",
                        "steadfast.loadbalancer.outlier.enabled=false",
                        "resilience4j.retry.instances.stock.max-attempts=2",
                        "resilience4j.retry.instances.stock.wait-duration=1ms",
                        "spring.cloud.discovery.client.simple.instances.inventory[0].uri="
                                + sick.get(0).baseUrl(),
                        "spring.cloud.discovery.client.simple.instances.inventory[1].uri="
                                + sick.get(1).baseUrl(),
                        "spring.cloud.discovery.client.simple.instances.inventory[2].uri=" + healthy.baseUrl())
                .run();
    }

    private static WireMockServer server(int stockStatus, int stockDelayMillis) {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get("/stock")
                .willReturn(
                        aResponse().withStatus(stockStatus).withBody("stock").withFixedDelay(stockDelayMillis)));
        server.stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
        return server;
    }

    /** Calls {@code inventory} through a {@code @LoadBalanced} RestClient. */
    static class InventoryClient {

        private final RestClient client;

        InventoryClient(RestClient client) {
            this.client = client;
        }

        @Retry(name = "stock")
        @Hedge(name = "stock", idempotent = true, delay = "800ms")
        public String stock(int call) {
            return client.get()
                    .uri("/stock")
                    .header(CALL_HEADER, Integer.toString(call))
                    .retrieve()
                    .body(String.class);
        }

        public String ping() {
            return client.get().uri("/ping").retrieve().body(String.class);
        }
    }

    /** Calls {@code inventory} through a {@code @LoadBalanced} WebClient. */
    static class ReactiveInventoryClient {

        private final WebClient client;

        ReactiveInventoryClient(WebClient client) {
            this.client = client;
        }

        @Retry(name = "stock")
        @Hedge(name = "stock", idempotent = true, delay = "800ms")
        public Mono<String> stock(int call) {
            return client.get()
                    .uri("/stock")
                    .header(CALL_HEADER, Integer.toString(call))
                    .retrieve()
                    .bodyToMono(String.class);
        }

        public Mono<String> ping() {
            return client.get().uri("/ping").retrieve().bodyToMono(String.class);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(LoadBalancedBuilders.class)
    @LoadBalancerClient(name = "inventory", configuration = RandomChoice.class)
    static class App {

        @Bean
        InventoryClient inventoryClient(RestClient.Builder loadBalancedBuilder) {
            return new InventoryClient(
                    loadBalancedBuilder.baseUrl("http://inventory").build());
        }

        @Bean
        ReactiveInventoryClient reactiveInventoryClient(WebClient.Builder loadBalancedWebClientBuilder) {
            return new ReactiveInventoryClient(
                    loadBalancedWebClientBuilder.baseUrl("http://inventory").build());
        }
    }
}
