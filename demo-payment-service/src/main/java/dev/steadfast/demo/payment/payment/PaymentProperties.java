package dev.steadfast.demo.payment.payment;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Business rules and identity of this payment instance.
 *
 * @param authorizationLimit amounts above this limit are declined
 * @param instanceId the id of this instance, written next to every payment it authorizes and on every settlement
 *     batch it writes; {@code pid@host} when not set
 */
@ConfigurationProperties("payment")
public record PaymentProperties(BigDecimal authorizationLimit, String instanceId) {

    public PaymentProperties {
        if (authorizationLimit == null) {
            authorizationLimit = new BigDecimal("1000");
        }
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
