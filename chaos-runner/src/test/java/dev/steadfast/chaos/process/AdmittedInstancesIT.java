package dev.steadfast.chaos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Against real HTTP servers on loopback standing in for instances with a readiness probe. */
class AdmittedInstancesIT {

    @Test
    void dropsAnInstanceWhosePortRefusesAndAdmitsItAgainOnlyOnceItReportsReady() throws IOException {
        AtomicInteger readiness = new AtomicInteger(200);
        HttpServer ready = serve(0, new AtomicInteger(200));
        int restartedPort = new Ports(0).next();
        try (AdmittedInstances admitted =
                new AdmittedInstances(List.of(ready.getAddress().getPort(), restartedPort), Duration.ofMillis(50))) {
            // Nothing listens on the second port: it leaves; the first stays.
            await().atMost(Duration.ofSeconds(10)).until(() -> !admitted.admitted(1));
            assertThat(admitted.admitted(0)).isTrue();

            // Restarted, listening but not ready yet: still out.
            readiness.set(503);
            HttpServer restarted = serve(restartedPort, readiness);
            try {
                await().during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> !admitted.admitted(1));
                readiness.set(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> admitted.admitted(1));
            } finally {
                restarted.stop(0);
            }
        } finally {
            ready.stop(0);
        }
    }

    private static HttpServer serve(int port, AtomicInteger readiness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(readiness.get(), -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
