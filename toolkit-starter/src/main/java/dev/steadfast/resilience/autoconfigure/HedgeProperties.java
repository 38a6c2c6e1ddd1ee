package dev.steadfast.resilience.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Hedged requests ({@code @Hedge}). */
@ConfigurationProperties("steadfast.resilience.hedge")
public class HedgeProperties {

    /** Whether {@code @Hedge} methods are hedged. */
    private boolean enabled = true;

    /** How long a first attempt may take before a hedge starts, for annotations that state no delay. */
    private Duration delay = Duration.ofMillis(100);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getDelay() {
        return delay;
    }

    public void setDelay(Duration delay) {
        this.delay = delay;
    }
}
