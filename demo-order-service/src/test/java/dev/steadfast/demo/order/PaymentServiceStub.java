package dev.steadfast.demo.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * WireMock standing in for payment-service. A bean, so that it stops after the application that calls it; its
 * URL reaches the application as {@code order.payment.url}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentServiceStub {

    @Bean(destroyMethod = "stop")
    WireMockServer paymentService() {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @Bean
    DynamicPropertyRegistrar paymentServiceUrl(WireMockServer paymentService) {
        return registry -> registry.add("order.payment.url", paymentService::baseUrl);
    }

    /** Answers every payment request with {@code status} for the order in the request. */
    public static void answerAll(WireMockServer server, String status) {
        server.stubFor(post(urlEqualTo("/payments")).willReturn(decision(status)));
    }

    /** Answers the payment request of one order with {@code status}, before any other stub. */
    public static void answerOrder(WireMockServer server, String orderId, String status) {
        server.stubFor(post(urlEqualTo("/payments"))
                .atPriority(1)
                .withRequestBody(
                        matchingJsonPath("$.orderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(orderId)))
                .willReturn(decision(status)));
    }

    /** How many payment requests were made for the order. */
    public static int requestsFor(WireMockServer server, String orderId) {
        return server.findAll(postRequestedFor(urlEqualTo("/payments"))
                        .withRequestBody(matchingJsonPath(
                                "$.orderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(orderId))))
                .size();
    }

    private static ResponseDefinitionBuilder decision(String status) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody(
                        """
                        {"paymentId": "{{randomValue type='UUID'}}", "orderId": "{{jsonPath request.body '$.orderId'}}",
                         "amount": {{jsonPath request.body '$.amount'}}, "currency": "{{jsonPath request.body '$.currency'}}",
                         "status": "%s", "createdAt": "2026-01-01T00:00:00Z"}
                        """
                                .formatted(status));
    }
}
