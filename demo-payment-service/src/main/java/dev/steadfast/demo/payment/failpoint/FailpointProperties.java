package dev.steadfast.demo.payment.failpoint;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Test-only: which failpoints are on. An unknown name stops the application at start-up with the property named.
 *
 * @param enabled the failpoints to turn on (for example {@code settle-without-check}); empty, the default, turns
 *     all off. Only the chaos runner's {@code --failpoint} sets it, to prove its checker can fail.
 * @param settlementDelay how long each settlement run waits after it has passed its leadership check and taken its
 *     term's token, before its transaction begins; zero, the default, adds no wait. Removes no protection: it gives
 *     the chaos runner a window it can see (a log line) in which to freeze the leader inside a settlement run.
 */
@ConfigurationProperties("payment.failpoints")
public record FailpointProperties(@DefaultValue Set<Failpoint> enabled, @DefaultValue("0s") Duration settlementDelay) {

    public FailpointProperties {
        if (settlementDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "payment.failpoints.settlement-delay must be zero or positive, was " + settlementDelay);
        }
    }
}
