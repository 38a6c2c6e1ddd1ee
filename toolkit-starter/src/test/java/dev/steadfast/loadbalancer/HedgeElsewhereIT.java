package dev.steadfast.loadbalancer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steadfast.resilience.Hedge;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.RandomLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * A hedge of a {@code @Hedge} call through a {@code @LoadBalanced} RestClient goes to the instance its call has not
 * tried. Instance 0 answers only after 5 s, instance 1 at once, and the client chooses at random: without the
 * feature, a hedge of a call that started on the slow instance would go back to it about every other time (for the
 * ten or so such calls in 24, all hedges avoiding it by chance has odds of about 1 in 1000). The hedge waits 1 s: a
 * hedge that starts before the first attempt has chosen its instance cannot know that choice, and on a loaded
 * machine a 100 ms delay was once shorter than that (a call tried the slow instance twice).
 */
class HedgeElsewhereIT {

    private static final String CALL_HEADER = "X-Call";

    private final WireMockServer slow = server(5000);
    private final WireMockServer fast = server(0);

    @AfterEach
    void stop() {
        slow.stop();
        fast.stop();
    }

    @Test
    void aHedgeGoesToAnInstanceItsCallHasNotTried() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.cloud.zookeeper.enabled=false",
                        "steadfast.loadbalancer.outlier.enabled=false",
                        "spring.cloud.discovery.client.simple.instances.catalog[0].uri=" + slow.baseUrl(),
                        "spring.cloud.discovery.client.simple.instances.catalog[1].uri=" + fast.baseUrl())
                .run()) {
            CatalogClient client = context.getBean(CatalogClient.class);
            for (int call = 0; call < 24; call++) {
                assertThat(client.item(call)).isEqualTo("item");
            }
            Map<String, Long> slowAttemptsPerCall = slow.findAll(getRequestedFor(urlEqualTo("/item"))).stream()
                    .collect(Collectors.groupingBy(request -> request.getHeader(CALL_HEADER), Collectors.counting()));
            assertThat(slowAttemptsPerCall)
                    .as("calls that started on the slow instance")
                    .isNotEmpty();
            assertThat(slowAttemptsPerCall.values())
                    .as("no hedge went back to the slow instance")
                    .containsOnly(1L);
            List<String> fastCalls = fast.findAll(getRequestedFor(urlEqualTo("/item"))).stream()
                    .map(request -> request.getHeader(CALL_HEADER))
                    .toList();
            assertThat(fastCalls)
                    .as("every call hedged from the slow instance was answered by the fast one")
                    .containsAll(slowAttemptsPerCall.keySet());
        }
    }

    private static WireMockServer server(int delayMillis) {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get("/item")
                .willReturn(aResponse().withStatus(200).withBody("item").withFixedDelay(delayMillis)));
        return server;
    }

    /** Calls {@code GET /item} of the service {@code catalog}, hedged after 1 s. */
    static class CatalogClient {

        private final RestClient client;

        CatalogClient(RestClient client) {
            this.client = client;
        }

        @Hedge(name = "catalog", idempotent = true, delay = "1s")
        public String item(int call) {
            return client.get()
                    .uri("/item")
                    .header(CALL_HEADER, Integer.toString(call))
                    .retrieve()
                    .body(String.class);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @LoadBalancerClient(name = "catalog", configuration = RandomChoice.class)
    static class App {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedBuilder() {
            return RestClient.builder();
        }

        @Bean
        CatalogClient catalogClient(RestClient.Builder loadBalancedBuilder) {
            return new CatalogClient(
                    loadBalancedBuilder.baseUrl("http://catalog").build());
        }
    }

    /** Spring Cloud LoadBalancer's random choice, so that a hedge would land on either instance without the feature. */
    static class RandomChoice {

        @Bean
        ReactorLoadBalancer<ServiceInstance> randomLoadBalancer(
                Environment environment, LoadBalancerClientFactory factory) {
            String name = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
            ObjectProvider<ServiceInstanceListSupplier> suppliers =
                    factory.getLazyProvider(name, ServiceInstanceListSupplier.class);
            return new RandomLoadBalancer(suppliers, name);
        }
    }
}
