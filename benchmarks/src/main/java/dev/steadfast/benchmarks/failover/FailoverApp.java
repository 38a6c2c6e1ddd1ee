package dev.steadfast.benchmarks.failover;

import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipRevoked;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.event.EventListener;

/**
 * The application under test: nothing but the starter. It prints one line per leadership event to standard
 * output, which the benchmark timestamps as it arrives.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FailoverApp {

    public static void main(String[] args) {
        // Not a web application, although the benchmarks' classpath has Tomcat (for the overload benchmark).
        new SpringApplicationBuilder(FailoverApp.class)
                .web(WebApplicationType.NONE)
                .run(args);
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
