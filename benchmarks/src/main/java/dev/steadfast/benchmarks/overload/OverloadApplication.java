package dev.steadfast.benchmarks.overload;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
 * The service under load, on Tomcat: {@code /work} runs the fixed-capacity work directly (guarded only by the inbound
 * filter when it is on), {@code /guarded} through {@code @Bulkhead(name = "work")} (static or adaptive by
 * configuration); a full bulkhead answers 503 at once.
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

    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(OverloadApplication.class)
                .properties(
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        "spring.cloud.zookeeper.enabled=false",
                        "server.port=0",
                        "server.address=127.0.0.1")
                .properties(properties)
                .run();
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
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
