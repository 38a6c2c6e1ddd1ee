package dev.steadfast.demo.order.failpoint;

import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Answers whether a failpoint is on; warns at start-up when any is, since each one breaks a guarantee. */
@Component
public class Failpoints {

    private static final Logger log = LoggerFactory.getLogger(Failpoints.class);

    private final Set<Failpoint> enabled;

    public Failpoints(FailpointProperties properties) {
        this.enabled =
                properties.enabled().isEmpty() ? EnumSet.noneOf(Failpoint.class) : EnumSet.copyOf(properties.enabled());
        if (!enabled.isEmpty()) {
            log.warn("TEST-ONLY failpoints on, this instance breaks its guarantees on purpose: {}", enabled);
        }
    }

    public boolean on(Failpoint failpoint) {
        return enabled.contains(failpoint);
    }
}
