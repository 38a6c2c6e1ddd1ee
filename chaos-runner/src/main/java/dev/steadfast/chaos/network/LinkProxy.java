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
 *
 * <p>A dropped direction holds its bytes back rather than discarding them: on a real network TCP retransmits
 * what a partition dropped, so a connection that survives the partition carries on afterwards with its stream
 * intact. Discarding bytes inside a stream would instead leave both ends out of step for good after the heal,
 * something no network does, and would make a healed instance look broken for as long as it keeps that
 * connection.
 */
public final class LinkProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object faultChanged = new Object();
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
        synchronized (faultChanged) {
            fault = next;
            faultChanged.notifyAll();
        }
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
                // Behind a dropping firewall the connection hears nothing until the partition heals; then the
                // retransmitted handshake gets through, late.
                sockets.add(client);
                thread(name + "-held", () -> connectOnceHealed(client));
            } else {
                connect(client);
            }
        }
    }

    private void connectOnceHealed(Socket client) {
        try {
            awaitFlowing(true);
            awaitFlowing(false);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        if (open && !client.isClosed()) {
            connect(client);
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
                awaitFlowing(outbound);
                LinkFault now = fault;
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

    /** Blocks while the current fault drops this direction; a reset or close ends the wait with the socket. */
    private void awaitFlowing(boolean outbound) throws InterruptedException {
        synchronized (faultChanged) {
            while (open && drops(fault, outbound)) {
                faultChanged.wait();
            }
        }
    }

    private static boolean drops(LinkFault fault, boolean outbound) {
        return switch (fault.kind()) {
            case BLACK_HOLE -> true;
            case CUT_OUTBOUND -> outbound;
            case CUT_INBOUND -> !outbound;
            default -> false;
        };
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
        synchronized (faultChanged) {
            open = false;
            faultChanged.notifyAll();
        }
        try {
            server.close();
        } catch (IOException ex) {
            // Closed already.
        }
        sockets.forEach(this::closeQuietly);
    }
}
