package dev.steadfast.demo.payment.failpoint;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Test-only: which failpoints are on. An unknown name stops the application at start-up with the property named.
 *
 * @param enabled the failpoints to turn on (for example {@code settle-without-check}); empty, the default, turns
 *     all off. Only the chaos runner's {@code --failpoint} sets it, to prove its checker can fail.
 */
@ConfigurationProperties("payment.failpoints")
public record FailpointProperties(@DefaultValue Set<Failpoint> enabled) {}
