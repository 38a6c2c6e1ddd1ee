package dev.steadfast.chaos.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Readiness probes for the processes of a run, and a bounded wait on them. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();

    private Readiness() {}

    /**
     * Polls {@code probe} until it holds; fails when {@code process} died meanwhile or {@code timeout} passed.
     * Polling is the only way to learn when another process became ready.
     */
    public static void await(ManagedProcess process, Duration timeout, BooleanSupplier probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!probe.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        process.name() + " exited before it was ready; see " + process.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        process.name() + " not ready after " + timeout.toSeconds() + "s; see " + process.logFile());
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Whether a TCP connection to the loopback port succeeds. */
    public static boolean tcpOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /** Sends a ZooKeeper four-letter word and returns the answer, or an empty string when there is none. */
    public static String fourLetterWord(int port, String word) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
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

    /** Whether {@code GET url} answers 200. */
    public static boolean httpOk(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(1))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }
}
