package dev.steadfast.demo.order.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how the payment service is called.
 *
 * @param url a fixed base URL of the payment service; when not set, instances are found through discovery under
 *     {@code serviceId}
 * @param serviceId the name the payment service registers under in discovery
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer: the time limit of one call
 */
@ConfigurationProperties("order.payment")
public record PaymentClientProperties(String url, String serviceId, Duration connectTimeout, Duration readTimeout) {

    public PaymentClientProperties {
        serviceId = (serviceId != null && !serviceId.isBlank()) ? serviceId : "payment-service";
        connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(1);
        readTimeout = (readTimeout != null) ? readTimeout : Duration.ofSeconds(2);
    }
}
