package dev.steadfast.benchmarks.process;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service under test in its own JVM, launched from an executable jar or from a main class on the benchmark's
 * classpath; it can be frozen, killed and started again.
 *
 * <p>A service tells that it is ready in one of two ways, and its output goes where that way allows:
 *
 * <ul>
 *   <li>on a port the benchmark chose ({@link Builder#readyAt(int, String)}): ready when that path answers 200;
 *       standard output and error go to {@code <id>.log} in the work directory, appended across restarts;
 *   <li>on a port of its own choosing: it prints a line {@code PORT=<n>}, maybe followed by more {@code KEY=<value>}
 *       fields ({@link #announced(String)}), on standard output, which this class reads; standard error goes to
 *       {@code <id>.err}.
 * </ul>
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String id;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    /** The port the benchmark chose, or 0 when the service announces its own. */
    private final int chosenPort;
    /** The path whose 200 means ready, on the chosen port. */
    private final String readinessPath;

    private Process process;
    private Map<String, String> announced = Map.of();

    private ServiceProcess(Builder builder) {
        this.id = builder.id;
        this.workDir = builder.workDir;
        this.command = new ArrayList<>();
        command.add(Processes.java());
        command.addAll(builder.jvmOptions);
        command.addAll(builder.launch);
        command.addAll(builder.args);
        this.env = Map.copyOf(builder.env);
        this.chosenPort = builder.port;
        this.readinessPath = builder.readinessPath;
    }

    /** A service run as {@code java <options> -jar <jar> <args>}, as in production. */
    public static Builder fromJar(String id, Path jar, Path workDir) {
        return new Builder(id, workDir, List.of("-jar", jar.toString()));
    }

    /** A service run as {@code java <options> -cp <this JVM's classpath> <mainClass> <args>}. */
    public static Builder fromMainClass(String id, Class<?> mainClass, Path workDir) {
        return new Builder(id, workDir, List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    }

    public String id() {
        return id;
    }

    /** The port the service serves on; known once it is ready. */
    public int port() {
        return chosenPort != 0 ? chosenPort : Integer.parseInt(announced("PORT"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A field of the service's {@code PORT=<n> ...} line, such as {@code STATS}; known once it is ready. */
    public String announced(String key) {
        String value = announced.get(key);
        if (value == null) {
            throw new IllegalStateException(id + " announced no " + key + " (" + announced + ")");
        }
        return value;
    }

    /** Starts the JVM (again, after {@link #crash()}); {@link #awaitReady(Duration)} waits until it serves. */
    public void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (chosenPort != 0) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output().toFile()));
        } else {
            builder.redirectError(output().toFile());
        }
        builder.environment().putAll(env);
        announced = Map.of();
        process = builder.start();
    }

    /**
     * Waits until the service is ready; fails if it exits first or is not ready within the timeout (a service that
     * was to announce its port is then killed).
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        if (chosenPort != 0) {
            awaitReadinessPath(timeout);
        } else {
            awaitAnnouncement(timeout);
        }
    }

    private void awaitReadinessPath(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(id + " exited with " + process.exitValue() + "; see " + output());
            }
            if (post(null, readinessPath) == 200) {
                return;
            }
            Thread.sleep(200); // polling another process
        }
        throw new IllegalStateException(id + " was not ready within " + timeout + "; see " + output());
    }

    private void awaitAnnouncement(Duration timeout) throws InterruptedException {
        Process started = process;
        CompletableFuture<Map<String, String>> line = CompletableFuture.supplyAsync(() -> readAnnouncement(started));
        try {
            announced = line.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            Processes.kill(started);
            throw new IllegalStateException(id + " did not start within " + timeout + "; see " + output(), ex);
        }
    }

    /** The fields of the line {@code PORT=<n> KEY=<value> ...} on the process's standard output. */
    private static Map<String, String> readAnnouncement(Process process) {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("PORT=")) {
                    Map<String, String> fields = new HashMap<>();
                    for (String field : line.split(" ")) {
                        int equals = field.indexOf('=');
                        fields.put(field.substring(0, equals), field.substring(equals + 1));
                    }
                    return Map.copyOf(fields);
                }
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        throw new IllegalStateException("the service exited before it served");
    }

    /** SIGSTOP: the process keeps its sockets (connections are accepted by the kernel) and answers nothing. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGKILL, and waits until the process has gone. */
    public void crash() {
        Processes.kill(process);
    }

    /** POSTs a JSON body (or nothing, then a GET) to this instance; returns the status or -1. */
    public int post(String json, String path) {
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

    /** Where the service's output goes: its whole output, or only its standard error when it announces its port. */
    private Path output() {
        return workDir.resolve(chosenPort != 0 ? id + ".log" : id + ".err");
    }

    /** Kills the JVM, if it was started. */
    @Override
    public void close() {
        if (process != null) {
            Processes.kill(process);
        }
    }

    /** How one service is launched; {@link #build()} launches nothing yet. */
    public static final class Builder {

        private final String id;
        private final Path workDir;
        private final List<String> launch;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new HashMap<>();
        private int port;
        private String readinessPath;

        private Builder(String id, Path workDir, List<String> launch) {
            this.id = id;
            this.workDir = workDir;
            this.launch = launch;
        }

        /** Options for the JVM, before the jar or main class. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** A GC log, {@code <id>-gc.log} in the work directory. */
        public Builder gcLog() {
            return jvmOptions("-Xlog:gc:file=" + workDir.resolve(id + "-gc.log"));
        }

        /** Arguments for the service, after the jar or main class. */
        public Builder args(List<String> serviceArgs) {
            args.addAll(serviceArgs);
            return this;
        }

        /** Environment variables for the service, besides this JVM's. */
        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /**
         * The service serves on a port the benchmark chose (passed to it through {@link #env} or {@link #args}) and
         * is ready when {@code readinessPath} answers 200. Without it, the service announces its port.
         */
        public Builder readyAt(int chosenPort, String path) {
            this.port = chosenPort;
            this.readinessPath = path;
            return this;
        }

        public ServiceProcess build() {
            return new ServiceProcess(this);
        }
    }
}
