package dev.steadfast.chaos.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback between one instance and one server, in the manner of Toxiproxy, on plain blocking
 * sockets: two threads per connection copy bytes and consult the current {@link LinkFault} for every chunk, so a
 * fault applies at once to the connections already open. The instance is configured with the proxy's port
 * instead of the server's, so it never learns that a proxy is there.
 */
public final class LinkProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile LinkFault fault = LinkFault.NONE;
    private volatile boolean open = true;

    /** Listens on a free loopback port and forwards each connection to {@code target}. */
    public LinkProxy(String name, InetSocketAddress target) {
        this.name = name;
        this.target = target;
        try {
            this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not open the proxy " + name, ex);
        }
        thread(name + "-accept", this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public LinkFault fault() {
        return fault;
    }

    /** Applies the fault from now on; a reset also ends every open connection with a TCP reset. */
    public void set(LinkFault next) {
        fault = next;
        if (next.kind() == LinkFault.Kind.RESET) {
            sockets.forEach(this::reset);
        }
    }

    private void accept() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException ex) {
                return;
            }
            LinkFault now = fault;
            if (now.kind() == LinkFault.Kind.RESET) {
                reset(client);
            } else if (now.kind() == LinkFault.Kind.BLACK_HOLE) {
                // A connection into a black hole is accepted and then hears nothing, as behind a dropping firewall.
                sockets.add(client);
                thread(name + "-hole", () -> swallow(client));
            } else {
                connect(client);
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException ex) {
            reset(client);
            closeQuietly(upstream);
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        thread(name + "-out", () -> pump(client, upstream, true));
        thread(name + "-in", () -> pump(upstream, client, false));
    }

    private void pump(Socket from, Socket to, boolean outbound) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                LinkFault now = fault;
                if (swallows(now, outbound)) {
                    continue;
                }
                if (now.kind() == LinkFault.Kind.DELAY) {
                    // Latency is the fault itself: each chunk waits before it goes on.
                    Thread.sleep(now.delayMillis());
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ex) {
            // The connection ended on one side: end it on the other too.
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            // Under a reset the other side must see a reset too: a plain close (FIN) racing ahead of set()'s
            // reset of that socket would end it as a clean end of stream instead (LinkProxyTests).
            if (fault.kind() == LinkFault.Kind.RESET) {
                reset(from);
                reset(to);
            } else {
                closeQuietly(from);
                closeQuietly(to);
            }
        }
    }

    private static boolean swallows(LinkFault fault, boolean outbound) {
        return switch (fault.kind()) {
            case BLACK_HOLE -> true;
            case CUT_OUTBOUND -> outbound;
            case CUT_INBOUND -> !outbound;
            default -> false;
        };
    }

    private void swallow(Socket client) {
        byte[] buffer = new byte[4096];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // Swallowed.
            }
        } catch (IOException ex) {
            // Closed by the instance or by a reset.
        } finally {
            closeQuietly(client);
        }
    }

    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ex) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ex) {
            // Nothing left to close.
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ex) {
            // Closed already.
        }
        sockets.forEach(this::closeQuietly);
    }
}
