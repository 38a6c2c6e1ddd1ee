package dev.steadfast.resilience;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * An application with the starter whose annotated {@link PaymentClient} calls a WireMock server standing in for
 * the payment service. WireMock is a bean so that it stops after the context's clients.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class PaymentClientTestApplication {

    @Bean(destroyMethod = "stop")
    WireMockServer dependency() {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @Bean
    PaymentClient paymentClient(RestClient.Builder builder, WireMockServer dependency) {
        return new PaymentClient(builder.baseUrl(dependency.baseUrl()).build());
    }
}
