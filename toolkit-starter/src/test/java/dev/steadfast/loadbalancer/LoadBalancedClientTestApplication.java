package dev.steadfast.loadbalancer;

import io.github.resilience4j.retry.annotation.Retry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.client.RestClient;

/**
 * An application with the starter and a {@code @LoadBalanced} RestClient calling the service {@code payment},
 * whose instances the test lists through simple discovery. It records the starter's instance events.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class LoadBalancedClientTestApplication {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedBuilder() {
        return RestClient.builder();
    }

    @Bean
    PingClient pingClient(RestClient.Builder loadBalancedBuilder) {
        return new PingClient(loadBalancedBuilder.baseUrl("http://payment").build());
    }

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }

    /** Calls {@code GET /ping} of one payment instance; {@link #pingWithRetry} is what users write. */
    static class PingClient {

        private final RestClient client;

        PingClient(RestClient client) {
            this.client = client;
        }

        String ping() {
            return client.get().uri("/ping").retrieve().body(String.class);
        }

        @Retry(name = "ping")
        public String pingWithRetry() {
            return ping();
        }

        /** Calls and reports whether the call answered, swallowing the failure. */
        boolean tryPing() {
            try {
                ping();
                return true;
            } catch (RuntimeException ex) {
                return false;
            }
        }
    }

    /** The instance events the starter published, in order. */
    static class RecordedEvents {

        final List<InstanceEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(InstanceEvent event) {
            events.add(event);
        }
    }
}
