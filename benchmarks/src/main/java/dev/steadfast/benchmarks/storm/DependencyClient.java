package dev.steadfast.benchmarks.storm;

import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The caller's annotated client: one logical call per invocation, retried by Resilience4j with Steadfast's defaults. */
public class DependencyClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI uri;

    DependencyClient(String url) {
        this.uri = URI.create(url);
    }

    @Retry(name = "dependency")
    public CompletableFuture<String> call(long callId) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header(FlakyServer.CALL_HEADER, Long.toString(callId))
                .timeout(Duration.ofSeconds(2))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() >= 500) {
                // An I/O failure is what Steadfast's retry defaults treat as transient.
                throw new java.util.concurrent.CompletionException(
                        new IOException("dependency answered " + response.statusCode()));
            }
            return response.body();
        });
    }
}
