package dev.steadfast.testsupport.zookeeper;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeer.ServerState;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.springframework.util.FileSystemUtils;

/**
 * Three real ZooKeeper servers whose links to each other can be cut, to test what clients see during a network
 * partition, which {@code TestingCluster} cannot do (it can only kill a server, which its clients notice at once).
 *
 * <p>Every server-to-server link goes through its own {@link TcpProxy}: server {@code i} reaches server {@code j}'s
 * quorum and election ports through the proxies {@code i -> j}, configured as {@code j}'s address in {@code i}'s
 * own configuration. {@link #isolate(int)} blocks every proxy into and out of one server, so that it can no longer
 * talk to the others while its clients still reach it: its client port is not proxied. Clients pinned to one
 * server ({@link #connectString(int)}) therefore keep their connection to a server that has lost the quorum, until
 * that server gives up after {@code syncLimit x tickTime}, exactly as on a real network.
 *
 * <p>Servers are numbered 1 to 3 (their {@code myid}) and run in this JVM. ZooKeeper's election protocol announces
 * the caller's own election address for the callee to call back on; the election proxies rewrite that announcement
 * to the callee's proxy towards the caller, so that no connection bypasses the proxies.
 */
public final class PartitionableEnsemble implements AutoCloseable {

    private static final int SIZE = 3;

    private final Path directory;
    private final int tickTimeMillis;
    private final int[] clientPorts = new int[SIZE + 1];
    private final int[] quorumPorts = new int[SIZE + 1];
    private final int[] electionPorts = new int[SIZE + 1];
    private final TcpProxy[][] quorumProxies = new TcpProxy[SIZE + 1][SIZE + 1];
    private final TcpProxy[][] electionProxies = new TcpProxy[SIZE + 1][SIZE + 1];
    private final Server[] servers = new Server[SIZE + 1];

    private PartitionableEnsemble(Path directory, int tickTimeMillis) {
        this.directory = directory;
        this.tickTimeMillis = tickTimeMillis;
    }

    /**
     * Starts three servers and waits until they have elected a leader and serve clients.
     *
     * @param tickTime ZooKeeper's tick: sessions may last 2 to 20 ticks
     * @param syncLimit ticks after which a server cut off from the others gives up and stops serving its clients
     */
    public static PartitionableEnsemble start(Duration tickTime, int syncLimit) throws Exception {
        PartitionableEnsemble ensemble = new PartitionableEnsemble(
                Files.createTempDirectory("partitionable-ensemble"), (int) tickTime.toMillis());
        try {
            ensemble.startServers(syncLimit);
            ensemble.awaitQuorum(Duration.ofSeconds(30));
        } catch (Exception | AssertionError ex) {
            ensemble.close();
            throw ex;
        }
        return ensemble;
    }

    /** The connect string of one server only, for a client that must stay on it. */
    public String connectString(int server) {
        return "127.0.0.1:" + clientPorts[server];
    }

    /** The connect string of all three servers. */
    public String connectString() {
        return String.join(
                ",",
                IntStream.rangeClosed(1, SIZE).mapToObj(this::connectString).toList());
    }

    /** The server that leads the ensemble now, or -1 if none does. */
    public int leader() {
        return IntStream.rangeClosed(1, SIZE)
                .filter(server -> state(server) == ServerState.LEADING)
                .findFirst()
                .orElse(-1);
    }

    /** The servers that follow the leader now. */
    public List<Integer> followers() {
        return IntStream.rangeClosed(1, SIZE)
                .filter(server -> state(server) == ServerState.FOLLOWING)
                .boxed()
                .toList();
    }

    /** The role of one server now. */
    public ServerState state(int server) {
        QuorumPeer peer = servers[server].peer();
        return peer != null ? peer.getPeerState() : ServerState.LOOKING;
    }

    /** Whether one server answers its clients now (it leads or follows, and its request pipeline is up). */
    public boolean isServing(int server) {
        QuorumPeer peer = servers[server].peer();
        if (peer == null || peer.getPeerState() == ServerState.LOOKING) {
            return false;
        }
        ZooKeeperServer active = peer.getActiveServer();
        return active != null && active.isRunning();
    }

    /** Cuts one server off from the other two, in both directions; its clients still reach it. */
    public void isolate(int server) {
        for (int other = 1; other <= SIZE; other++) {
            if (other != server) {
                quorumProxies[server][other].block();
                quorumProxies[other][server].block();
                electionProxies[server][other].block();
                electionProxies[other][server].block();
            }
        }
    }

    /** Ends every partition. */
    public void heal() {
        for (int from = 1; from <= SIZE; from++) {
            for (int to = 1; to <= SIZE; to++) {
                if (from != to) {
                    quorumProxies[from][to].unblock();
                    electionProxies[from][to].unblock();
                }
            }
        }
    }

    /** Waits until one server leads and the two others follow, all serving clients. */
    public void awaitQuorum(Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> leader() > 0
                        && followers().size() == SIZE - 1
                        && IntStream.rangeClosed(1, SIZE).allMatch(this::isServing));
    }

    @Override
    public void close() {
        heal();
        List<Thread> stopping = new ArrayList<>();
        for (int server = 1; server <= SIZE; server++) {
            if (servers[server] != null) {
                Server closing = servers[server];
                Thread thread = new Thread(closing::close, "close-zookeeper-" + server);
                thread.start();
                stopping.add(thread);
            }
        }
        for (Thread thread : stopping) {
            try {
                thread.join(10_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        for (int from = 1; from <= SIZE; from++) {
            for (int to = 1; to <= SIZE; to++) {
                closeQuietly(quorumProxies[from][to]);
                closeQuietly(electionProxies[from][to]);
            }
        }
        FileSystemUtils.deleteRecursively(directory.toFile());
    }

    private void startServers(int syncLimit) throws Exception {
        for (int server = 1; server <= SIZE; server++) {
            clientPorts[server] = freePort();
            quorumPorts[server] = freePort();
            electionPorts[server] = freePort();
        }
        for (int from = 1; from <= SIZE; from++) {
            for (int to = 1; to <= SIZE; to++) {
                if (from != to) {
                    quorumProxies[from][to] = TcpProxy.start(loopback(quorumPorts[to]));
                    electionProxies[from][to] = TcpProxy.start(loopback(electionPorts[to]), announceProxy(to, from));
                }
            }
        }
        for (int server = 1; server <= SIZE; server++) {
            servers[server] = Server.start(server, configuration(server, syncLimit));
        }
    }

    private QuorumPeerConfig configuration(int server, int syncLimit) throws Exception {
        Path data = Files.createDirectories(directory.resolve("server-" + server));
        Files.writeString(data.resolve("myid"), Integer.toString(server));
        Properties properties = new Properties();
        properties.setProperty("tickTime", Integer.toString(tickTimeMillis));
        properties.setProperty("initLimit", Integer.toString(Math.max(10, syncLimit)));
        properties.setProperty("syncLimit", Integer.toString(syncLimit));
        properties.setProperty("dataDir", data.toString());
        properties.setProperty("clientPort", Integer.toString(clientPorts[server]));
        properties.setProperty("clientPortAddress", "127.0.0.1");
        properties.setProperty("admin.enableServer", "false");
        properties.setProperty("electionPortBindRetry", "0");
        for (int other = 1; other <= SIZE; other++) {
            // Its own entry is where the server listens; the others are its proxies towards them.
            int quorum = other == server ? quorumPorts[other] : quorumProxies[server][other].port();
            int election = other == server ? electionPorts[other] : electionProxies[server][other].port();
            properties.setProperty("server." + other, "127.0.0.1:" + quorum + ":" + election);
        }
        QuorumPeerConfig config = new QuorumPeerConfig();
        config.parseProperties(properties);
        return config;
    }

    /**
     * A server calling a server with a higher id announces its own election address, and the callee drops the call
     * and calls back on that address (ZooKeeper keeps one connection per pair, opened by the higher id). Announce
     * the callee's proxy towards the caller instead, so that the call-back goes through the proxies too.
     */
    private TcpProxy.Preamble announceProxy(int callee, int caller) {
        return (fromClient, toTarget) -> {
            long protocolVersion = fromClient.readLong();
            toTarget.writeLong(protocolVersion);
            if (protocolVersion >= 0) {
                // The oldest protocol sends only the caller's id, in place of a version.
                return;
            }
            long sid = fromClient.readLong();
            byte[] announced = new byte[fromClient.readInt()];
            fromClient.readFully(announced);
            byte[] replaced = ("127.0.0.1:" + electionProxies[callee][caller].port()).getBytes(StandardCharsets.UTF_8);
            toTarget.writeLong(sid);
            toTarget.writeInt(replaced.length);
            toTarget.write(replaced);
        };
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ex) {
                // Best effort at the end of a test.
            }
        }
    }

    /** One quorum peer running in this JVM on its own thread. */
    private static final class Server extends QuorumPeerMain {

        private final Thread thread;

        private Server(int id, QuorumPeerConfig config) {
            this.thread = new Thread(
                    () -> {
                        try {
                            runFromConfig(config);
                        } catch (Exception ex) {
                            // Shut down, or failed to start: awaitQuorum reports the latter.
                        }
                    },
                    "zookeeper-" + id);
            thread.setDaemon(true);
        }

        static Server start(int id, QuorumPeerConfig config) {
            Server server = new Server(id, config);
            server.thread.start();
            return server;
        }

        QuorumPeer peer() {
            return quorumPeer;
        }

        @Override
        public void close() {
            super.close();
            try {
                thread.join(10_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
