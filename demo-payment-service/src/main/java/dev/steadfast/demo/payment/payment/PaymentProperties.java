package dev.steadfast.demo.payment.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Business rules and identity of this payment instance.
 *
 * @param authorizationLimit amounts above this limit are declined
 * @param instanceId the id of this instance, written next to every payment it authorizes and on every settlement
 *     batch it writes; derived from {@code INSTANCE_ID} (see {@code ServiceEnvironment})
 */
@ConfigurationProperties("payment")
@Validated
public record PaymentProperties(
        @DefaultValue("1000") @NotNull @Positive BigDecimal authorizationLimit, @NotBlank String instanceId) {}
