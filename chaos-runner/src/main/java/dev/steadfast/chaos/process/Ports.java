package dev.steadfast.chaos.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Hands out loopback ports: consecutive from a base port, or free ephemeral ones when the base is 0. */
public final class Ports {

    private final int base;
    private final Set<Integer> handedOut = new HashSet<>();
    private int next;

    public Ports(int base) {
        this.base = base;
        this.next = base;
    }

    public synchronized int next() {
        if (base > 0) {
            return next++;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port found");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
