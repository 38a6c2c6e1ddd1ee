package dev.steadfast.benchmarks.failover;

import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipRevoked;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.event.EventListener;

/**
 * The application under test: nothing but the starter. It prints one line per leadership event to standard
 * output, which the benchmark timestamps as it arrives.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FailoverApp {

    public static void main(String[] args) {
        SpringApplication.run(FailoverApp.class, args);
    }

    @EventListener
    void granted(LeadershipGranted event) {
        System.out.println("GRANTED " + event.token().value());
        System.out.flush();
    }

    @EventListener
    void revoked(LeadershipRevoked event) {
        System.out.println("REVOKED " + event.reason());
        System.out.flush();
    }
}
