package dev.steadfast.benchmarks.failover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A ZooKeeper server in its own JVM, from the jars on this benchmark's classpath, on a free loopback port; it can be
 * killed and started again on the same port and data directory.
 */
public final class ZooKeeperProcess implements AutoCloseable {

    static final int TICK_MILLIS = 500;

    private final Path workDir;
    private final Path config;
    private final int port;
    private Process process;

    private ZooKeeperProcess(Path workDir, Path config, int port) {
        this.workDir = workDir;
        this.config = config;
        this.port = port;
    }

    public static ZooKeeperProcess start(Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        Path data = Files.createDirectories(workDir.resolve("zookeeper-data"));
        Path config = workDir.resolve("zoo.cfg");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "tickTime=" + TICK_MILLIS,
                        "dataDir=" + data,
                        "clientPort=" + port,
                        "clientPortAddress=127.0.0.1",
                        "admin.enableServer=false",
                        "4lw.commands.whitelist=*",
                        ""));
        ZooKeeperProcess server = new ZooKeeperProcess(workDir, config, port);
        server.restart();
        return server;
    }

    /** Starts the server (again) on the same port and data directory and waits until it serves. */
    public void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        Processes.java(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("zookeeper.log").toFile()))
                .start();
        awaitServing(Duration.ofSeconds(30));
    }

    /** Kills the server (SIGKILL) and waits until it has exited. */
    public void kill() {
        Processes.kill(process);
    }

    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** A server missing a library still answers {@code ruok}; only {@code srvr} with a mode shows it serves. */
    private void awaitServing(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("ZooKeeper exited with " + process.exitValue() + "; see zookeeper.log");
            }
            if (fourLetterWord("srvr").contains("Mode:")) {
                return;
            }
            Thread.sleep(50); // polling a separate process; nothing to wait on in this JVM
        }
        throw new IOException("ZooKeeper did not serve within " + timeout);
    }

    private String fourLetterWord(String word) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            // A server that is still starting may accept and never answer.
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException ex) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        Processes.kill(process);
    }
}
