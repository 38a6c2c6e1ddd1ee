package dev.steadfast.chaos.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code docker} and {@code docker-compose} commands and returns what they print. */
final class Docker {

    private final Map<String, String> environment;

    /** {@code environment} is added to every command's environment: the compose file's variables. */
    Docker(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs the command; fails with its output when it exits non-zero or outlasts {@code timeout}. */
    String run(Duration timeout, List<String> command) {
        Result result = attempt(timeout, command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output().trim());
        }
        return result.output().trim();
    }

    String run(String... command) {
        return run(Duration.ofSeconds(60), List.of(command));
    }

    /** Runs the command and returns its exit code and output, whatever they are. */
    Result attempt(Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            // Output is read on this thread; a command that prints more than a pipe holds must not block.
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed on timeout
                }
            });
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
            }
            reader.join(5_000);
            return new Result(process.exitValue(), output.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not run " + command.get(0) + ": is Docker installed?", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, ex);
        }
    }

    static List<String> command(String... words) {
        return new ArrayList<>(List.of(words));
    }

    record Result(int exitCode, String output) {}
}
