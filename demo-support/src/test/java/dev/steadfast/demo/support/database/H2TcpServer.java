package dev.steadfast.demo.support.database;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;

/**
 * An H2 TCP server ({@code org.h2.tools.Server -tcp}) in a child JVM of its own, as the chaos runner starts it, so
 * that a test can {@code kill -9} it and start it again on the same port and the same database files.
 */
public final class H2TcpServer {

    private final Path baseDir;

    private final int port;

    private Process process;

    private H2TcpServer(Path baseDir, int port) {
        this.baseDir = baseDir;
        this.port = port;
    }

    /** Starts a server on a free port with an empty directory of databases. */
    public static H2TcpServer start() throws IOException {
        H2TcpServer server = new H2TcpServer(
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "h2-server")
                        .toAbsolutePath(),
                freePort());
        server.restart();
        return server;
    }

    /**
     * The URL of the named database, created on first use. {@code WRITE_DELAY=0} makes a commit reach the file before
     * it returns: with H2's default of 500 ms, a kill -9 loses what was committed (and acknowledged) in the last half
     * second before it.
     */
    public String url(String database) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + database + ";WRITE_DELAY=0";
    }

    /** SIGKILL: the server dies without closing a connection or a database file. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the server (again) on its port and data, and waits until it accepts connections. */
    public synchronized void restart() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                h2Jar(),
                Server.class.getName(),
                "-tcp",
                "-tcpPort",
                Integer.toString(port),
                "-ifNotExists",
                "-baseDir",
                baseDir.toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        baseDir.resolve("server.log").toFile()))
                .start();
        Process started = process;
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .failFast("the H2 server exited, see " + baseDir.resolve("server.log"), () -> !started.isAlive())
                .until(this::accepting);
    }

    /** Kills the server; a bean's destroy method, so that it stops after the application using it. */
    public synchronized void stop() throws InterruptedException {
        kill();
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static String h2Jar() {
        try {
            return new File(Server.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getPath();
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
