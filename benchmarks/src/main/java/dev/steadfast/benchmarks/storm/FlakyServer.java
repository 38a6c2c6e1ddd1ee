package dev.steadfast.benchmarks.storm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dependency: answers 503 while down and 200 otherwise, counting the attempts of each logical call by the call
 * id the client sends in a header.
 */
final class FlakyServer implements AutoCloseable {

    static final String CALL_HEADER = "X-Call-Id";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile boolean down;

    FlakyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst(CALL_HEADER);
            if (id != null) {
                attempts.computeIfAbsent(Long.parseLong(id), key -> new AtomicInteger())
                        .incrementAndGet();
            }
            byte[] body = (down ? "down" : "ok").getBytes();
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    void down(boolean down) {
        this.down = down;
    }

    int attempts(long callId) {
        AtomicInteger count = attempts.get(callId);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
