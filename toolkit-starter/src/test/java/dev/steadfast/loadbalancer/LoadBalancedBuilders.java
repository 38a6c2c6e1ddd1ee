package dev.steadfast.loadbalancer;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A test application's {@code @LoadBalanced RestClient.Builder} and {@code @LoadBalanced WebClient.Builder}, the latter
 * on the JDK HTTP client, from which the application builds its clients of a service.
 */
@Configuration(proxyBeanMethods = false)
class LoadBalancedBuilders {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedBuilder() {
        return RestClient.builder();
    }

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClientBuilder() {
        return WebClient.builder().clientConnector(new JdkClientHttpConnector());
    }
}
