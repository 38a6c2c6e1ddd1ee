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

/** A ZooKeeper server in its own JVM, from the jars on this benchmark's classpath, on a free loopback port. */
final class ZooKeeperProcess implements AutoCloseable {

    static final int TICK_MILLIS = 500;

    private final Process process;
    private final int port;

    private ZooKeeperProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ZooKeeperProcess start(Path workDir) throws IOException, InterruptedException {
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
        Process process = new ProcessBuilder(
                        Processes.java(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("zookeeper.log").toFile())
                .start();
        ZooKeeperProcess server = new ZooKeeperProcess(process, port);
        server.awaitServing(Duration.ofSeconds(30));
        return server;
    }

    String connectString() {
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
