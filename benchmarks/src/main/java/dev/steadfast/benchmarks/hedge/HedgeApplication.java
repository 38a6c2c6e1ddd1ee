package dev.steadfast.benchmarks.hedge;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The calling application: the starter with its defaults, a {@code @LoadBalanced} RestClient over the two
 * instances (simple discovery, Spring Cloud LoadBalancer's round robin) and the hedged client.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HedgeApplication {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedBuilder() {
        return RestClient.builder();
    }

    @Bean
    DependencyClient dependencyClient(RestClient.Builder loadBalancedBuilder) {
        return new DependencyClient(
                loadBalancedBuilder.baseUrl("http://dependency").build());
    }

    static ConfigurableApplicationContext start(List<String> instanceUrls, String... properties) {
        List<String> discovery = new ArrayList<>();
        for (int i = 0; i < instanceUrls.size(); i++) {
            discovery.add(
                    "spring.cloud.discovery.client.simple.instances.dependency[" + i + "].uri=" + instanceUrls.get(i));
        }
        return new SpringApplicationBuilder(HedgeApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        "spring.cloud.zookeeper.enabled=false",
                        // Ejection would take the tail instance out and hide what hedging does.
                        "steadfast.loadbalancer.outlier.enabled=false")
                .properties(discovery.toArray(String[]::new))
                .properties(properties)
                .run();
    }
}
