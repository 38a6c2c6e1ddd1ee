package dev.steadfast.warmup.internal;

import java.io.IOException;
import java.time.Duration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import reactor.core.publisher.Mono;

/**
 * Sends warm-up requests through a copy of the application's {@code @LoadBalanced RestClient.Builder}, taken when the
 * warm-up starts (after every bean has been created): the copy carries the builder's interceptors (Spring Cloud's
 * load-balancer interceptor, so the service's load-balancer context, its instance list supplier and the
 * {@code LoadBalancerLifecycle} beans do real work), its request factory (so, when the application sets it on the
 * builder, the same HTTP client and its connection pool) and its message converters. Anything the application adds
 * to the client it builds from the builder (its own request factory, Resilience4j decorators, its JSON types) is not
 * warmed by this.
 */
public final class LoadBalancedServiceCalls implements ServiceCalls {

    /** The longest one instance choice may block, so that the deadline is checked often. */
    private static final Duration CHOICE_TIMEOUT = Duration.ofSeconds(2);

    /** The pause between two choices while the service has no instance yet. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final RestClient.Builder builder;

    private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

    private volatile RestClient client;

    /**
     * @param builder the application's {@code @LoadBalanced} builder, copied (not changed) at the first request
     * @param loadBalancers Spring Cloud LoadBalancer's per-service load balancers
     */
    public LoadBalancedServiceCalls(
            RestClient.Builder builder, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
        this.builder = builder;
        this.loadBalancers = loadBalancers;
    }

    @Override
    public boolean awaitInstance(String service, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            try {
                ReactiveLoadBalancer<ServiceInstance> loadBalancer = loadBalancers.getInstance(service);
                Response<ServiceInstance> chosen = loadBalancer == null
                        ? null
                        : Mono.from(loadBalancer.choose()).block(CHOICE_TIMEOUT);
                if (chosen != null && chosen.hasServer()) {
                    return true;
                }
            } catch (RuntimeException ex) {
                // no list yet (registry not reachable, choice timed out): try again until the deadline
            }
            Thread.sleep(POLL_INTERVAL.toMillis()); // pacing the polls on the warm-up's own thread
        }
        return false;
    }

    @Override
    public int send(WarmUpRequest request) throws IOException {
        RestClient.RequestBodySpec spec = client().method(HttpMethod.valueOf(request.method()))
                .uri("http://" + request.service() + request.path())
                .accept(MediaType.ALL);
        if (request.body() != null) {
            spec.contentType(MediaType.parseMediaType(request.contentType())).body(request.body());
        }
        try {
            return spec.exchange((sent, response) -> response.getStatusCode().value());
        } catch (RestClientException | IllegalStateException ex) {
            // I/O errors arrive wrapped, and Spring Cloud's interceptor reports a service without instances as
            // IllegalStateException: both mean no answer
            throw new IOException(ex.getMessage(), ex);
        }
    }

    private RestClient client() {
        RestClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = builder.clone().build();
                }
                built = client;
            }
        }
        return built;
    }
}
