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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The attempts of a {@code @Hedge} call through a {@code @LoadBalanced} RestClient, or of a hedged {@code Mono} from a
 * {@code @LoadBalanced} WebClient, share the call's {@link TriedInstances}, so each counts as a retry of the same
 * logical call. Instance 0 is sick ({@code /item}
 * answers only after 5 s, {@code /stock} with a 503), instance 1 answers at once, and the client chooses at random.
 */
@ExtendWith(OutputCaptureExtension.class)
class HedgeElsewhereIT {

    private static final String CALL_HEADER = "X-Call";

    private final WireMockServer sick = server(5000, 503);
    private final WireMockServer healthy = server(0, 200);

    @AfterEach
    void stop() {
        sick.stop();
        healthy.stop();
    }

    /**
     * Without the feature, a hedge of a call that started on the slow instance would go back to it about every other
     * time (for the ten or so such calls in 24, all hedges avoiding it by chance has odds of about 1 in 1000). The
     * hedge waits 1 s: a hedge that starts before the first attempt has chosen its instance cannot know that choice,
     * and on a loaded machine a 100 ms delay was once shorter than that (a call tried the slow instance twice). The
     * first calls build the service's load-balancer context and the HTTP client, which can take longer than 1 s on a
     * loaded machine (under a load average of 9, one call tried the slow instance twice): unhedged calls do that
     * before the measured ones.
     */
    @Test
    void aHedgeGoesToAnInstanceItsCallHasNotTried() {
        try (ConfigurableApplicationContext context = start()) {
            CatalogClient client = context.getBean(CatalogClient.class);
            for (int warmUp = 0; warmUp < 4; warmUp++) {
                assertThat(client.ping()).isEqualTo("pong");
            }
            for (int call = 0; call < 24; call++) {
                assertThat(client.item(call)).isEqualTo("item");
            }
            assertEveryHedgeAvoidedTheSlowInstance();
        }
    }

    /**
     * A WebClient builds a new request, with a new {@link TriedInstances}, for each attempt of a hedged {@code Mono};
     * the hedge puts its call's record into each attempt's Reactor context, where the request finds it when sent. The
     * odds without the feature, and the delay and warm-up, are as in {@link #aHedgeGoesToAnInstanceItsCallHasNotTried}.
     * Cancelling the losing attempt on the slow instance cancels the JDK client's future, whose
     * {@code CancellationException} Reactor would log as an error on every hedge; the hedge keeps it out of the log.
     */
    @Test
    void aHedgeOfAMonoFromALoadBalancedWebClientGoesToAnInstanceItsCallHasNotTried(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            ReactiveCatalogClient client = context.getBean(ReactiveCatalogClient.class);
            for (int warmUp = 0; warmUp < 4; warmUp++) {
                assertThat(client.ping().block(Duration.ofSeconds(10))).isEqualTo("pong");
            }
            for (int call = 0; call < 24; call++) {
                assertThat(client.item(call).block(Duration.ofSeconds(10))).isEqualTo("item");
            }
            assertEveryHedgeAvoidedTheSlowInstance();
            assertThat(output.getOut() + output.getErr())
                    .as("cancelled attempts logged by Reactor as dropped errors")
                    .doesNotContain("onErrorDropped");
        }
    }

    private void assertEveryHedgeAvoidedTheSlowInstance() {
        Map<String, Long> slowAttemptsPerCall = sick.findAll(getRequestedFor(urlEqualTo("/item"))).stream()
                .collect(Collectors.groupingBy(request -> request.getHeader(CALL_HEADER), Collectors.counting()));
        assertThat(slowAttemptsPerCall)
                .as("calls that started on the slow instance")
                .isNotEmpty();
        assertThat(slowAttemptsPerCall.values())
                .as("no hedge went back to the slow instance")
                .containsOnly(1L);
        List<String> fastCalls = healthy.findAll(getRequestedFor(urlEqualTo("/item"))).stream()
                .map(request -> request.getHeader(CALL_HEADER))
                .toList();
        assertThat(fastCalls)
                .as("every call hedged from the slow instance was answered by the fast one")
                .containsAll(slowAttemptsPerCall.keySet());
    }

    /**
     * A {@code @Retry} around a hedged call continues the same logical call: the retry's attempts leave out the
     * instance the failed hedged call's attempt tried on another thread. The hedge waits 10 s, so each hedged call is
     * one attempt. Without the feature, the retry of a call whose attempt failed on the sick instance would go back to
     * it every other time: about one call in four would fail, and all 24 passing has odds of about 1 in 1000.
     */
    @Test
    void aRetryOfAHedgedCallGoesToAnInstanceNoneOfItsAttemptsTried() {
        try (ConfigurableApplicationContext context = start()) {
            CatalogClient client = context.getBean(CatalogClient.class);
            for (int call = 0; call < 24; call++) {
                assertThat(client.stockWithRetry(call)).isEqualTo("stock");
            }
            Map<String, Long> sickAttemptsPerCall = sick.findAll(getRequestedFor(urlEqualTo("/stock"))).stream()
                    .collect(Collectors.groupingBy(request -> request.getHeader(CALL_HEADER), Collectors.counting()));
            assertThat(sickAttemptsPerCall)
                    .as("calls that failed on the sick instance")
                    .isNotEmpty();
            assertThat(sickAttemptsPerCall.values())
                    .as("no retry went back to the sick instance")
                    .containsOnly(1L);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.cloud.zookeeper.enabled=false",
                        "steadfast.loadbalancer.outlier.enabled=false",
                        "resilience4j.retry.instances.stock.max-attempts=2",
                        "resilience4j.retry.instances.stock.wait-duration=1ms",
                        "spring.cloud.discovery.client.simple.instances.catalog[0].uri=" + sick.baseUrl(),
                        "spring.cloud.discovery.client.simple.instances.catalog[1].uri=" + healthy.baseUrl())
                .run();
    }

    private static WireMockServer server(int itemDelayMillis, int stockStatus) {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get("/item")
                .willReturn(aResponse().withStatus(200).withBody("item").withFixedDelay(itemDelayMillis)));
        server.stubFor(
                get("/stock").willReturn(aResponse().withStatus(stockStatus).withBody("stock")));
        server.stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
        return server;
    }

    /** Calls the service {@code catalog} through a {@code @LoadBalanced} WebClient. */
    static class ReactiveCatalogClient {

        private final WebClient client;

        ReactiveCatalogClient(WebClient client) {
            this.client = client;
        }

        @Hedge(name = "reactive-catalog", idempotent = true, delay = "1s")
        public Mono<String> item(int call) {
            return client.get()
                    .uri("/item")
                    .header(CALL_HEADER, Integer.toString(call))
                    .retrieve()
                    .bodyToMono(String.class);
        }

        /** Not hedged: warms the load balancer and the HTTP client up. */
        public Mono<String> ping() {
            return client.get().uri("/ping").retrieve().bodyToMono(String.class);
        }
    }

    /** Calls the service {@code catalog}. */
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

        /** Not hedged: warms the load balancer and the HTTP client up. */
        public String ping() {
            return client.get().uri("/ping").retrieve().body(String.class);
        }

        @Retry(name = "stock")
        @Hedge(name = "stock", idempotent = true, delay = "10s")
        public String stockWithRetry(int call) {
            return client.get()
                    .uri("/stock")
                    .header(CALL_HEADER, Integer.toString(call))
                    .retrieve()
                    .body(String.class);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(LoadBalancedBuilders.class)
    @LoadBalancerClient(name = "catalog", configuration = RandomChoice.class)
    static class App {

        @Bean
        CatalogClient catalogClient(RestClient.Builder loadBalancedBuilder) {
            return new CatalogClient(
                    loadBalancedBuilder.baseUrl("http://catalog").build());
        }

        @Bean
        ReactiveCatalogClient reactiveCatalogClient(WebClient.Builder loadBalancedWebClientBuilder) {
            return new ReactiveCatalogClient(
                    loadBalancedWebClientBuilder.baseUrl("http://catalog").build());
        }
    }
}
