package dev.steadfast.demo.order.payment;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the payment service is called.
 *
 * @param url a fixed base URL of the payment service; when not set, instances are found through discovery under
 *     {@code serviceId}
 * @param serviceId the name the payment service registers under in discovery
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer: the time limit of one attempt
 */
@ConfigurationProperties("order.payment")
@Validated
public record PaymentClientProperties(
        String url,
        @DefaultValue("payment-service") @NotBlank String serviceId,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration readTimeout) {}
