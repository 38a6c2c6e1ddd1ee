package dev.steadfast;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The toolkit-wide switch; every Steadfast auto-configuration also checks {@code steadfast.enabled}.
 */
@ConfigurationProperties("steadfast")
public class SteadfastProperties {

    /** Whether the Steadfast toolkit is on at all. When false, every Steadfast auto-configuration backs off. */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
