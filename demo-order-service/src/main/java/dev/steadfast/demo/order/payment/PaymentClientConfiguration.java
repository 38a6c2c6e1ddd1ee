package dev.steadfast.demo.order.payment;

import java.net.http.HttpClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link PaymentClient}: against the fixed {@code order.payment.url} when set (tests, single-instance
 * runs), otherwise through discovery and Spring Cloud LoadBalancer.
 */
@Configuration(proxyBeanMethods = false)
class PaymentClientConfiguration {

    /**
     * Not a default candidate, so that nothing else that asks for a {@code RestClient.Builder} gets this one. It
     * carries the payment calls' HTTP client, so that the starter's warm-up (which sends its payment-service request
     * through a copy of this builder) warms the same client and connection pool as the orders' payment calls.
     */
    @Bean(defaultCandidate = false)
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder(
            RestClientBuilderConfigurer configurer,
            @Qualifier("paymentRequestFactory") ClientHttpRequestFactory paymentRequestFactory) {
        return configurer.configure(RestClient.builder()).requestFactory(paymentRequestFactory);
    }

    /** The payment calls' HTTP client, with their timeouts. */
    @Bean(defaultCandidate = false)
    ClientHttpRequestFactory paymentRequestFactory(PaymentClientProperties properties) {
        HttpClientSettings settings =
                HttpClientSettings.defaults().withTimeouts(properties.connectTimeout(), properties.readTimeout());
        // HTTP/1.1: the JDK client's h2c upgrade is refused or reset by some servers, which would count as outages.
        return ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(settings);
    }

    @Bean
    PaymentClient paymentClient(
            RestClientBuilderConfigurer configurer,
            @LoadBalanced RestClient.Builder loadBalanced,
            @Qualifier("paymentRequestFactory") ClientHttpRequestFactory paymentRequestFactory,
            PaymentClientProperties properties) {
        RestClient.Builder builder = StringUtils.hasText(properties.url())
                ? configurer
                        .configure(RestClient.builder())
                        .requestFactory(paymentRequestFactory)
                        .baseUrl(properties.url())
                : loadBalanced.clone().baseUrl("http://" + properties.serviceId());
        return new PaymentClient(builder.build());
    }
}
