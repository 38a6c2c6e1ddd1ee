package dev.steadfast.benchmarks.hedge;

import dev.steadfast.resilience.Hedge;
import org.springframework.web.client.RestClient;

/** The caller's client: a blocking call through a load-balanced {@code RestClient}, hedged or not. */
public class DependencyClient {

    private final RestClient client;

    DependencyClient(RestClient client) {
        this.client = client;
    }

    @Hedge(name = "dependency", idempotent = true)
    public String call(long callId) {
        return plainCall(callId);
    }

    /** The same call, not hedged: the baseline, interleaved with the hedged calls against the same instances. */
    public String plainCall(long callId) {
        return client.get()
                .uri("/item")
                .header(TailServer.CALL_HEADER, Long.toString(callId))
                .retrieve()
                .body(String.class);
    }
}
