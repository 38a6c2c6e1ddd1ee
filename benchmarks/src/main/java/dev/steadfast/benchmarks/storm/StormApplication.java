package dev.steadfast.benchmarks.storm;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The calling application: the starter with its defaults and the annotated client. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StormApplication {

    @Bean
    DependencyClient dependencyClient(Environment environment) {
        return new DependencyClient(environment.getRequiredProperty("storm.dependency-url"));
    }

    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(StormApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        "spring.cloud.zookeeper.enabled=false")
                .properties(properties)
                .run();
    }
}
