package dev.steadfast.benchmarks.brownout;

import dev.steadfast.benchmarks.failover.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One demo service JVM, started from its executable jar as in production; it can be frozen, killed and restarted. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String id;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final List<String> args;
    private final Path log;
    private Process process;

    ServiceProcess(String id, Path jar, int port, Map<String, String> env, List<String> args, Path workDir) {
        this.id = id;
        this.jar = jar;
        this.port = port;
        this.env = Map.copyOf(env);
        this.args = List.copyOf(args);
        this.log = workDir.resolve(id + ".log");
    }

    String id() {
        return id;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Processes.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"));
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(id + " exited with " + process.exitValue() + "; see " + log);
            }
            if (post(null, "/actuator/health/readiness") == 200) {
                return;
            }
            Thread.sleep(200); // polling another process
        }
        throw new IllegalStateException(id + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGSTOP: the process keeps its sockets (connections are accepted by the kernel) and answers nothing. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGKILL, and waits until the process has gone. */
    void crash() {
        Processes.kill(process);
    }

    /** POSTs a JSON body (or nothing, then a GET) to this instance; returns the status or -1. */
    int post(String json, String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(3));
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException ex) {
            return -1;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        if (process != null) {
            Processes.kill(process);
        }
    }
}
