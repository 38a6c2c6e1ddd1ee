package dev.steadfast.testsupport.zookeeper;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a loopback port that forwards every connection to one target and can play a network partition.
 *
 * <p>{@link #block()} black-holes the link the way a partition does, not the way a crash does: no connection is
 * closed or reset, bytes simply stop flowing in both directions, and new connections are accepted but go nowhere.
 * Each side only notices through its own timeouts, exactly as on a real network. {@link #unblock()} lets the held
 * bytes through again; connections that one side gave up on in the meantime are then closed on the other side too.
 *
 * <p>A {@link Preamble} may rewrite the first bytes the connecting side sends (for protocols that announce an
 * address to call back on, which would otherwise bypass the proxy).
 *
 * <p>Threads: one acceptor and two pump threads per connection, all daemons; {@link #close()} stops them all.
 */
public final class TcpProxy implements AutoCloseable {

    /** Rewrites the opening bytes of a connection on their way from the connecting side to the target. */
    @FunctionalInterface
    public interface Preamble {

        /** Reads the preamble from {@code fromClient} and writes the (rewritten) preamble to {@code toTarget}. */
        void rewrite(DataInputStream fromClient, DataOutputStream toTarget) throws IOException;
    }

    private final InetSocketAddress target;
    private final Preamble preamble;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean blocked;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target, Preamble preamble) throws IOException {
        this.target = target;
        this.preamble = preamble;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Starts a proxy on a free loopback port in front of {@code target}. */
    public static TcpProxy start(InetSocketAddress target) throws IOException {
        return new TcpProxy(target, null);
    }

    /** Starts a proxy whose connections first pass their preamble through {@code preamble}. */
    public static TcpProxy start(InetSocketAddress target, Preamble preamble) throws IOException {
        return new TcpProxy(target, preamble);
    }

    /** The port this proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Stops all traffic through this proxy without closing any connection. */
    public void block() {
        synchronized (gate) {
            blocked = true;
        }
    }

    /** Lets traffic through again. */
    public void unblock() {
        synchronized (gate) {
            blocked = false;
            gate.notifyAll();
        }
    }

    public boolean isBlocked() {
        synchronized (gate) {
            return blocked;
        }
    }

    @Override
    public void close() {
        closed = true;
        unblock();
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                threads.execute(() -> connect(client));
            } catch (IOException ex) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        sockets.add(upstream);
        try {
            awaitOpen();
            upstream.connect(target, 5_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            if (preamble != null) {
                DataOutputStream toTarget = new DataOutputStream(upstream.getOutputStream());
                preamble.rewrite(new DataInputStream(client.getInputStream()), toTarget);
                toTarget.flush();
            }
            threads.execute(() -> pump(client, upstream));
            threads.execute(() -> pump(upstream, client));
        } catch (IOException | InterruptedException ex) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // Hold what was read while blocked: the reader stops, the sender's buffers fill, nothing is lost.
                awaitOpen();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ex) {
            // One side went away: close both, below.
        } finally {
            try {
                // Across a partition the other side would not see the close either, until it heals.
                awaitOpen();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (blocked && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ex) {
            // Already closed.
        }
    }
}
