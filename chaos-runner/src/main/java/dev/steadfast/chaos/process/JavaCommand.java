package dev.steadfast.chaos.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java} command lines for child processes that run with the runner's own dependencies. */
public final class JavaCommand {

    /** Written by the build (maven-dependency-plugin's build-classpath) so that a fresh clone works. */
    static final String CLASSPATH_RESOURCE = "/META-INF/steadfast-chaos/classpath.txt";

    private JavaCommand() {}

    /** The {@code java} executable of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A command running {@code mainClass} on the runner's runtime classpath with a small heap. */
    public static List<String> mainClass(String heap, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Xmx" + heap);
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(runtimeClasspath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** A command running an executable jar, as the demo services are started in production. */
    public static List<String> jar(String heap, Path jar, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Xmx" + heap);
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static String runtimeClasspath() {
        try (InputStream in = JavaCommand.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + CLASSPATH_RESOURCE
                        + ": build the runner with ./mvnw -pl chaos-runner -am package (./demo does)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
