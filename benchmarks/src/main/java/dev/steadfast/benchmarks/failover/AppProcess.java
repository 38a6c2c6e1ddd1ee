package dev.steadfast.benchmarks.failover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One {@link FailoverApp} JVM; the moment each {@code GRANTED} line arrives is recorded on this JVM's clock. */
final class AppProcess implements AutoCloseable {

    static final String ELECTION = "failover-bench";
    static final String STARTER_LATCH_PATH = "/steadfast/leader/" + ELECTION;
    static final String RAW_LATCH_PATH = "/raw-curator/leader/" + ELECTION;

    private final String id;
    private final Process process;
    private final BlockingQueue<Long> grants = new LinkedBlockingQueue<>();

    private AppProcess(String id, Process process) {
        this.id = id;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** A {@link FailoverApp}: Spring Boot with the starter and its default timeouts. */
    static AppProcess startStarterApp(String id, String connectString, Path workDir) throws IOException {
        return start(
                id,
                workDir,
                FailoverApp.class.getName(),
                "--spring.application.name=" + ELECTION,
                "--steadfast.zookeeper.connect-string=" + connectString,
                "--steadfast.leader.participant-id=" + id,
                "--spring.main.keep-alive=true",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.zookeeper.ClientCnxn=INFO",
                "--logging.file.name=" + workDir.resolve(id + ".log"));
    }

    /** A {@link RawLatchApp}: bare Curator, the baseline. */
    static AppProcess startRawLatch(String id, String connectString, Path workDir) throws IOException {
        return start(id, workDir, RawLatchApp.class.getName(), connectString, id, RAW_LATCH_PATH);
    }

    private static AppProcess start(String id, Path workDir, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Processes.java(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(workDir.resolve(id + ".err").toFile())
                .start();
        return new AppProcess(id, process);
    }

    String id() {
        return id;
    }

    /** Waits for the next {@code GRANTED} line and returns when it arrived, on {@link System#nanoTime()}. */
    long awaitGrant(Duration timeout) throws InterruptedException {
        Long at = grants.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (at == null) {
            throw new IllegalStateException(id + " did not become leader within " + timeout);
        }
        return at;
    }

    boolean hasGrant() {
        return !grants.isEmpty();
    }

    void crash() {
        process.destroyForcibly();
    }

    void terminate() {
        process.destroy();
    }

    void awaitExit() throws InterruptedException {
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void readOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("GRANTED")) {
                    grants.add(System.nanoTime());
                }
            }
        } catch (IOException ex) {
            // The process ended; nothing more to read.
        }
    }

    @Override
    public void close() {
        Processes.kill(process);
    }
}
