package dev.steadfast.chaos.fault;

import dev.steadfast.chaos.process.ServiceInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Switches chaos-monkey-spring-boot 4.0.0 assaults through its actuator endpoint ({@code /actuator/chaosmonkey}:
 * {@code POST /assaults} with the assault properties, {@code POST /enable}, {@code POST /disable}).
 */
final class ChaosMonkeyClient {

    static final String LATENCY =
            "{\"level\":3,\"latencyActive\":true,\"latencyRangeStart\":300,\"latencyRangeEnd\":1000,\"exceptionsActive\":false}";
    static final String EXCEPTIONS = "{\"level\":4,\"latencyActive\":false,\"exceptionsActive\":true}";
    static final String OFF = "{\"latencyActive\":false,\"exceptionsActive\":false}";
    private static final String WATCHERS = "{\"controller\":true,\"restController\":true,\"service\":true}";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    /** Sets the assault and enables the monkey; returns the answers for the report. */
    String assault(ServiceInstance instance, String assault) {
        return post(instance, "/watchers", WATCHERS) + "; " + post(instance, "/assaults", assault) + "; "
                + post(instance, "/enable", "");
    }

    String calm(ServiceInstance instance) {
        return post(instance, "/disable", "") + "; " + post(instance, "/assaults", OFF);
    }

    private String post(ServiceInstance instance, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/actuator/chaosmonkey" + path))
                .timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return path + " "
                    + http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException ex) {
            return path + " " + ex.getClass().getSimpleName();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return path + " interrupted";
        }
    }
}
