package dev.steadfast.chaos.compose;

import dev.steadfast.chaos.process.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A container of the run's compose project in the place of a local process: the fault injector's signals become
 * container operations. {@link #kill()} is {@code docker kill -s KILL}, {@link #terminate(Duration)} {@code docker
 * stop} (SIGTERM, then SIGKILL after the grace), {@link #pause()} {@code docker pause} (the cgroup freezer: the
 * JVM keeps its sockets but answers nothing), {@link #start()} {@code docker start}.
 */
final class ContainerProcess extends ManagedProcess {

    private static final long CACHE_NANOS = 500_000_000L;

    private final Docker docker;
    private final String containerId;
    private volatile boolean paused;
    private volatile boolean running;
    private volatile long runningCheckedNanos;

    ContainerProcess(String service, String containerId, Docker docker, Path logFile) {
        super(service, List.of(), Map.of(), logFile);
        this.docker = docker;
        this.containerId = containerId;
    }

    String containerId() {
        return containerId;
    }

    @Override
    public synchronized void start() {
        if (!isAlive()) {
            docker.run("docker", "start", containerId);
            paused = false;
            forgetState();
        }
    }

    /**
     * Whether the container runs (a paused one does); asked of the engine at most twice a second, since the leader
     * observer asks for every instance on every poll.
     */
    @Override
    public boolean isAlive() {
        if (System.nanoTime() - runningCheckedNanos > CACHE_NANOS) {
            Docker.Result state = docker.attempt(
                    Duration.ofSeconds(30), List.of("docker", "inspect", "-f", "{{.State.Running}}", containerId));
            running = state.exitCode() == 0 && state.output().trim().equals("true");
            runningCheckedNanos = System.nanoTime();
        }
        return running;
    }

    private void forgetState() {
        runningCheckedNanos = 0;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    /** The container's main process as the host sees it: the way into its network namespace. */
    @Override
    public long pid() {
        return Long.parseLong(docker.run("docker", "inspect", "-f", "{{.State.Pid}}", containerId));
    }

    @Override
    public void kill() {
        resume();
        forgetState();
        if (isAlive()) {
            docker.run("docker", "kill", "--signal", "KILL", containerId);
            docker.run("docker", "wait", containerId);
        }
        forgetState();
    }

    @Override
    public void terminate(Duration grace) {
        resume();
        forgetState();
        // Stopping twice (the run's end, then its shutdown hook after a failure) finds the container removed.
        if (isAlive()) {
            docker.run(
                    grace.plusSeconds(30),
                    List.of("docker", "stop", "-t", Long.toString(grace.toSeconds()), containerId));
        }
        forgetState();
    }

    @Override
    public void pause() {
        if (isAlive()) {
            docker.run("docker", "pause", containerId);
            paused = true;
        }
    }

    @Override
    public void resume() {
        if (paused) {
            docker.run("docker", "unpause", containerId);
        }
        paused = false;
    }

    @Override
    public String toString() {
        return name() + "(container " + containerId.substring(0, Math.min(12, containerId.length())) + ")";
    }
}
