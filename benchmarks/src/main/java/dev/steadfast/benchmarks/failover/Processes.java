package dev.steadfast.benchmarks.failover;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small helpers for child JVMs. */
public final class Processes {

    private Processes() {}

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
