package dev.steadfast.benchmarks.hedge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of the dependency: answers after a short service time, and a given share of its calls only after a
 * long pause (the tail). Answers are scheduled, not slept, so a slow call holds no server thread; each request is
 * recorded by the call id the client sends, so attempts per logical call and where they went can be counted.
 */
final class TailServer implements AutoCloseable {

    static final String CALL_HEADER = "X-Call-Id";

    private final int index;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final SplittableRandom random;
    private final double tailShare;
    private final long tailMillis;
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, Integer> callLog;

    /**
     * @param index this instance's number, recorded per call id
     * @param seed seeds which calls fall in the tail and the service times
     * @param tailShare the share of calls answered only after {@code tailMillis}
     * @param callLog per call id, shared by both instances: the attempts (low 16 bits) and the instances that saw
     *     them (bit 16 + index)
     */
    TailServer(int index, long seed, double tailShare, long tailMillis, Map<Long, Integer> callLog) throws IOException {
        this.index = index;
        this.random = new SplittableRandom(seed);
        this.tailShare = tailShare;
        this.tailMillis = tailMillis;
        this.callLog = callLog;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) {
        requests.incrementAndGet();
        String id = exchange.getRequestHeaders().getFirst(CALL_HEADER);
        if (id != null) {
            callLog.merge(Long.parseLong(id), 1 | 1 << (16 + index), TailServer::add);
        }
        long delayMicros;
        synchronized (random) {
            // 2-8 ms of service time; the tail instead for a share of calls.
            delayMicros = random.nextDouble() < tailShare ? tailMillis * 1000 : 2000 + random.nextLong(6000);
        }
        answers.schedule(() -> answer(exchange), delayMicros, TimeUnit.MICROSECONDS);
    }

    private static int add(int logged, int attempt) {
        return ((logged & 0xFFFF) + (attempt & 0xFFFF)) | ((logged | attempt) & ~0xFFFF);
    }

    static int attempts(int logged) {
        return logged & 0xFFFF;
    }

    static int instances(int logged) {
        return Integer.bitCount(logged >>> 16);
    }

    private static void answer(HttpExchange exchange) {
        try (exchange) {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException ex) {
            // The caller gave up on this attempt (a hedge won): nothing to answer.
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    void resetRequests() {
        requests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        answers.shutdownNow();
    }
}
