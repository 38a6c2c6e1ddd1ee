package dev.steadfast.chaos.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run's own compose project of zookeeper-compose/docker-compose.yml: a project name no one else uses, so its
 * containers, its bridge network and its volumes are this run's alone and {@link #down()} removes all of them.
 */
final class ComposeProject {

    private final String name;
    private final Path composeFile;
    private final Docker docker;
    private List<String> executable;

    ComposeProject(String name, Path composeFile, Map<String, String> environment) {
        if (!Files.isRegularFile(composeFile)) {
            throw new IllegalStateException("Missing " + composeFile + ": run from a Steadfast checkout");
        }
        this.name = name;
        this.composeFile = composeFile;
        this.docker = new Docker(environment);
    }

    String name() {
        return name;
    }

    /** The bridge network compose made for this project. */
    String network() {
        return name + "_default";
    }

    Docker docker() {
        return docker;
    }

    /** Builds the service images and creates every container and the network, starting nothing. */
    void create(List<String> services) {
        compose(Duration.ofMinutes(15), "build", "-q");
        List<String> up = new ArrayList<>(List.of("up", "--no-start"));
        up.addAll(services);
        compose(Duration.ofMinutes(5), up.toArray(String[]::new));
    }

    /** The id of the container of {@code service}. */
    String containerId(String service) {
        String id = compose(Duration.ofSeconds(30), "ps", "-a", "-q", service);
        if (id.isBlank()) {
            throw new IllegalStateException("No container for " + service + " in compose project " + name);
        }
        return id.lines().findFirst().orElseThrow();
    }

    /** Writes each service's container log to {@code <service>.log} in {@code dir}, for reading after the run. */
    void saveLogs(List<String> services, Path dir) {
        for (String service : services) {
            try {
                Docker.Result logs = docker.attempt(
                        Duration.ofSeconds(60), composeCommand("logs", "--no-color", "--timestamps", service));
                Files.writeString(dir.resolve(service + ".log"), logs.output());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            } catch (RuntimeException ex) {
                // a log that cannot be read must not keep the project from being torn down
            }
        }
    }

    /** Removes the project's containers, network and volumes; stops containers that still run first. */
    void down() {
        docker.attempt(
                Duration.ofMinutes(3), composeCommand("down", "--volumes", "--remove-orphans", "--timeout", "10"));
    }

    /**
     * {@code docker compose} (v2, the plugin Docker Desktop ships) where it works, else {@code docker-compose} (v1,
     * Debian's package): both read the same compose file.
     */
    private synchronized List<String> composeExecutable() {
        if (executable == null) {
            Docker.Result plugin = docker.attempt(Duration.ofSeconds(30), List.of("docker", "compose", "version"));
            executable = plugin.exitCode() == 0 ? List.of("docker", "compose") : List.of("docker-compose");
        }
        return executable;
    }

    String compose(Duration timeout, String... arguments) {
        return docker.run(timeout, composeCommand(arguments));
    }

    private List<String> composeCommand(String... arguments) {
        List<String> command = new ArrayList<>(composeExecutable());
        command.addAll(List.of("--project-name", name, "--file", composeFile.toString()));
        command.addAll(List.of(arguments));
        return command;
    }
}
