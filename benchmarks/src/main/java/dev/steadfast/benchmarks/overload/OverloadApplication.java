package dev.steadfast.benchmarks.overload;

import com.sun.net.httpserver.HttpServer;
import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.ConcurrencyLimiter;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service under load, on Tomcat, in its own JVM (started by {@link dev.steadfast.benchmarks.process.ServiceProcess}, so that the load driver's
 * threads and garbage never land in the measured service): {@code /work} runs the fixed-capacity work directly
 * (guarded only by the inbound filter when it is on), {@code /guarded} through {@code @Bulkhead(name = "work")}
 * (static or adaptive by configuration); a full bulkhead answers 503 at once. A separate small server reports the
 * adaptive limit and the JVM's CPU and GC time to the driver.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OverloadApplication.Endpoints.class)
public class OverloadApplication {

    @Bean
    FixedCapacity fixedCapacity(Environment environment) {
        return new FixedCapacity(
                environment.getRequiredProperty("overload.concurrency", Integer.class),
                environment.getRequiredProperty("overload.service-millis", Long.class));
    }

    @Bean
    GuardedWork guardedWork(FixedCapacity capacity) {
        return new GuardedWork(capacity);
    }

    /**
     * Starts the service with the given properties ({@code --key=value}) and prints {@code PORT=<n>} on standard
     * output (and {@code STATS=<n>}, the stats server's port) once it serves; Tomcat's threads keep the JVM alive until the driver ends it.
     */
    public static void main(String[] args) throws IOException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OverloadApplication.class)
                .properties(
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        "spring.cloud.zookeeper.enabled=false",
                        "server.port=0",
                        "server.address=127.0.0.1")
                .run(args);
        // The driver's questions get their own server: behind an unlimited Tomcat's backlog they would wait as
        // long as the work does, and through the inbound filter they would be shed.
        HttpServer stats = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stats.createContext("/stats", exchange -> {
            byte[] body = stats(context).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stats.start();
        System.out.println(
                "PORT=" + ((WebServerApplicationContext) context).getWebServer().getPort() + " STATS="
                        + stats.getAddress().getPort());
        System.out.flush();
    }

    /** The adaptive limit ({@code -} without one), then the JVM's CPU and GC time so far, in milliseconds. */
    private static String stats(ApplicationContext context) {
        String limit;
        if (context.containsBean("steadfastInboundLimiter")) {
            limit = Integer.toString(context.getBean("steadfastInboundLimiter", ConcurrencyLimiter.class)
                    .limit());
        } else {
            limit = context.getBean(AdaptiveBulkheads.class)
                    .forInstance("work")
                    .map(limiter -> Integer.toString(limiter.limit()))
                    .orElse("-");
        }
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(millis -> millis > 0)
                .sum();
        return limit + " " + cpuNanos / 1_000_000 + " " + gcMillis;
    }

    /** The work behind a Resilience4j bulkhead, served by Steadfast's fast path. */
    public static class GuardedWork {

        private final FixedCapacity capacity;

        GuardedWork(FixedCapacity capacity) {
            this.capacity = capacity;
        }

        @Bulkhead(name = "work")
        public String work() throws InterruptedException {
            return capacity.work();
        }
    }

    @RestController
    static class Endpoints {

        private final FixedCapacity capacity;

        private final GuardedWork guarded;

        Endpoints(FixedCapacity capacity, GuardedWork guarded) {
            this.capacity = capacity;
            this.guarded = guarded;
        }

        @GetMapping("/work")
        String work() throws InterruptedException {
            return capacity.work();
        }

        @GetMapping("/guarded")
        String guarded() throws InterruptedException {
            return guarded.work();
        }

        @ExceptionHandler(BulkheadFullException.class)
        ResponseEntity<String> full() {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .body("bulkhead full");
        }
    }
}
