package dev.steadfast.chaos.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One operating-system process that can be started again after it died, with its output appended to one log file
 * across restarts.
 *
 * <p>Crashes are real signals: {@link #kill()} is SIGKILL, {@link #pause()} SIGSTOP, {@link #terminate()} SIGTERM.
 */
public class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private volatile Process process;
    private volatile boolean paused;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the process unless it is already running. */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
            paused = false;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name + ": " + command, ex);
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public boolean isPaused() {
        return paused;
    }

    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /**
     * Crashes the process and every process it started (SIGKILL), as a crash of the machine or container would, and
     * waits until they are gone. A PostgreSQL postmaster's backends would otherwise outlive it, still attached to its
     * shared memory, and a new postmaster on the same data directory refuses to start while they are.
     */
    public void kill() {
        Process current = process;
        if (current != null && current.isAlive()) {
            resume();
            List<ProcessHandle> descendants = current.descendants().toList();
            if (!descendants.isEmpty()) {
                // Frozen, it forks no process between the list and the kill.
                signal("STOP");
                descendants = current.descendants().toList();
            }
            // Children first: while the parent is frozen, none of them sees it die and says goodbye to its clients.
            descendants.forEach(ProcessHandle::destroyForcibly);
            current.destroyForcibly();
            waitFor(current, Duration.ofSeconds(10));
            awaitExit(descendants, Duration.ofSeconds(10));
        }
    }

    /**
     * Waits for all of {@code handles} at once (the JDK polls a process that is not its child every 300 ms or more),
     * and fails when one has not exited within {@code timeout}: a process that survived a kill is a bug.
     */
    private void awaitExit(List<ProcessHandle> handles, Duration timeout) {
        try {
            CompletableFuture.allOf(handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException(
                    "A process of " + name + " still runs " + timeout.toSeconds() + "s after SIGKILL: "
                            + handles.stream().filter(ProcessHandle::isAlive).toList(),
                    ex);
        }
    }

    /** Asks the process to shut down (SIGTERM) and waits up to {@code grace} before killing it. */
    public void terminate(Duration grace) {
        Process current = process;
        if (current != null && current.isAlive()) {
            resume();
            current.destroy();
            if (!waitFor(current, grace)) {
                kill();
            }
        }
    }

    /** Freezes the process (SIGSTOP): it keeps its sockets and sessions but answers nothing. */
    public void pause() {
        if (isAlive() && signal("STOP")) {
            paused = true;
        }
    }

    /** Thaws a process frozen by {@link #pause()} (SIGCONT). */
    public void resume() {
        if (paused && isAlive()) {
            signal("CONT");
        }
        paused = false;
    }

    private boolean signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .redirectErrorStream(true)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException ex) {
            throw new UncheckedIOException("kill -" + signal + " failed for " + name, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + (isAlive() ? "(pid " + pid() + (paused ? ", paused" : "") + ")" : "(down)");
    }
}
