package dev.steadfast.benchmarks.overhead;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The Boot application started inside the benchmark: the starter's auto-configuration and one annotated bean. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchmarkApplication {

    @Bean
    AnnotatedPayload annotatedPayload() {
        return new AnnotatedPayload();
    }

    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(BenchmarkApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        // No ZooKeeper in this benchmark: only the resilience layer is measured.
                        "spring.cloud.zookeeper.enabled=false")
                .properties(properties)
                .run();
    }
}
