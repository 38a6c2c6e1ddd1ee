package dev.steadfast.benchmarks.overload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the service under load reports of itself, from its own stats server ({@link OverloadApplication}).
 *
 * @param limit the adaptive limit, {@code -} without one
 * @param cpuMillis the JVM's CPU time so far
 * @param gcMillis the JVM's time in garbage collection so far
 */
record ServiceStats(String limit, long cpuMillis, long gcMillis) {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** Asks the stats server on the given port; it answers apart from the service's (maybe saturated) Tomcat. */
    static ServiceStats fetch(int statsPort) throws IOException, InterruptedException {
        String[] fields = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .trim()
                .split(" ");
        return new ServiceStats(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }
}
