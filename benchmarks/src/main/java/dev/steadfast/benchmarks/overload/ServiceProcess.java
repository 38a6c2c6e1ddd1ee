package dev.steadfast.benchmarks.overload;

import dev.steadfast.benchmarks.failover.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link OverloadApplication} JVM, the service under test, apart from the driver's JVM; its GC log and standard
 * error go to the work directory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Process process;

    private final int port;

    private final int statsPort;

    private ServiceProcess(Process process, int[] ports) {
        this.process = process;
        this.port = ports[0];
        this.statsPort = ports[1];
    }

    /** Starts the service with the given properties and waits until it prints its port. */
    static ServiceProcess start(String id, List<String> properties, Path workDir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Processes.java(),
                "-Xmx512m",
                "-Xlog:gc:file=" + workDir.resolve(id + "-gc.log"),
                "-cp",
                System.getProperty("java.class.path"),
                OverloadApplication.class.getName()));
        properties.forEach(property -> command.add("--" + property));
        Process process = new ProcessBuilder(command)
                .redirectError(workDir.resolve(id + ".err").toFile())
                .start();
        CompletableFuture<int[]> ports = CompletableFuture.supplyAsync(() -> readPorts(process));
        try {
            return new ServiceProcess(process, ports.get(2, TimeUnit.MINUTES));
        } catch (ExecutionException | TimeoutException ex) {
            Processes.kill(process);
            throw new IllegalStateException(
                    id + " did not start within 2 minutes; see " + workDir.resolve(id + ".err"), ex);
        }
    }

    /** The service's port and its stats server's, from the line {@code PORT=<n> STATS=<n>}. */
    private static int[] readPorts(Process process) {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("PORT=")) {
                    String[] fields = line.split(" ");
                    return new int[] {
                        Integer.parseInt(fields[0].substring("PORT=".length())),
                        Integer.parseInt(fields[1].substring("STATS=".length()))
                    };
                }
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        throw new IllegalStateException("the service exited before it served");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The service's adaptive limit and its JVM's CPU and GC time so far. */
    Stats stats() throws IOException, InterruptedException {
        String[] fields = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .trim()
                .split(" ");
        return new Stats(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    @Override
    public void close() {
        Processes.kill(process);
    }

    /**
     * What the service reports of itself.
     *
     * @param limit the adaptive limit, {@code -} without one
     * @param cpuMillis the JVM's CPU time so far
     * @param gcMillis the JVM's time in garbage collection so far
     */
    record Stats(String limit, long cpuMillis, long gcMillis) {}
}
