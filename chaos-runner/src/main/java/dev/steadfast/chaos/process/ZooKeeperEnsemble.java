package dev.steadfast.chaos.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One ZooKeeper server ({@code ZooKeeperServerMain}) or a three-server ensemble ({@code QuorumPeerMain}) on
 * loopback, each server a separate JVM with its own data directory so that it restarts with its data.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {

    /** Short ticks make session expiry (bounded to 2-20 ticks) fast enough for a demo. */
    static final int TICK_MILLIS = 500;

    private final List<ManagedProcess> servers = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();

    public ZooKeeperEnsemble(int size, Path directory, Ports ports) {
        if (size != 1 && size != 3) {
            throw new IllegalArgumentException("--zk-servers must be 1 or 3, got " + size);
        }
        try {
            Path logback = writeLogbackConfig(directory);
            List<int[]> quorumPorts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                clientPorts.add(ports.next());
                quorumPorts.add(new int[] {ports.next(), ports.next()});
            }
            for (int i = 1; i <= size; i++) {
                Path data = Files.createDirectories(directory.resolve("zk-" + i));
                StringBuilder config = new StringBuilder()
                        .append("tickTime=")
                        .append(TICK_MILLIS)
                        .append('\n')
                        .append("initLimit=10\nsyncLimit=5\n")
                        .append("dataDir=")
                        .append(data.toAbsolutePath())
                        .append('\n')
                        .append("clientPort=")
                        .append(clientPorts.get(i - 1))
                        .append('\n')
                        .append("clientPortAddress=127.0.0.1\n")
                        .append("admin.enableServer=false\n")
                        .append("4lw.commands.whitelist=*\n")
                        .append("maxClientCnxns=0\n");
                if (size > 1) {
                    for (int s = 1; s <= size; s++) {
                        int[] quorum = quorumPorts.get(s - 1);
                        config.append("server.")
                                .append(s)
                                .append("=127.0.0.1:")
                                .append(quorum[0])
                                .append(':')
                                .append(quorum[1])
                                .append('\n');
                    }
                    Files.writeString(data.resolve("myid"), Integer.toString(i));
                }
                Path cfg = Files.writeString(directory.resolve("zoo-" + i + ".cfg"), config.toString());
                String main = size > 1
                        ? "org.apache.zookeeper.server.quorum.QuorumPeerMain"
                        : "org.apache.zookeeper.server.ZooKeeperServerMain";
                List<String> command = JavaCommand.mainClass(
                        "128m",
                        List.of(
                                "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
                                "-Dzookeeper.jmx.log4j.disable=true"),
                        main,
                        cfg.toAbsolutePath().toString());
                servers.add(new ManagedProcess(
                        "zookeeper-" + i, command, Map.of(), directory.resolve("zookeeper-" + i + ".log")));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private ZooKeeperEnsemble(List<ManagedProcess> servers, List<Integer> clientPorts) {
        this.servers.addAll(servers);
        this.clientPorts.addAll(clientPorts);
    }

    /** An ensemble started elsewhere (containers), its client ports published on loopback, in server order. */
    public static ZooKeeperEnsemble of(List<ManagedProcess> servers, List<Integer> clientPorts) {
        return new ZooKeeperEnsemble(servers, clientPorts);
    }

    public List<ManagedProcess> servers() {
        return List.copyOf(servers);
    }

    public int size() {
        return servers.size();
    }

    /** The client connect string for the whole ensemble. */
    public String connectString() {
        return clientPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** Starts every server that is down and waits until a quorum serves. */
    public void startAll(Duration timeout) {
        servers.forEach(ManagedProcess::start);
        for (int i = 0; i < servers.size(); i++) {
            awaitServing(i, timeout);
        }
    }

    public void start(int index, Duration timeout) {
        servers.get(index).start();
        awaitServing(index, timeout);
    }

    /** Whether the server answers {@code srvr} with a mode: a server missing snappy still says {@code imok}. */
    public boolean isServing(int index) {
        return Readiness.fourLetterWord(clientPorts.get(index), "srvr").contains("Mode:");
    }

    private void awaitServing(int index, Duration timeout) {
        Readiness.await(servers.get(index), timeout, () -> isServing(index));
    }

    private static Path writeLogbackConfig(Path directory) throws IOException {
        return Files.writeString(
                directory.resolve("zookeeper-logback.xml"),
                """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    @Override
    public void close() {
        servers.forEach(ManagedProcess::kill);
    }
}
