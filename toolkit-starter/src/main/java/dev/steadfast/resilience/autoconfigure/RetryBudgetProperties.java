package dev.steadfast.resilience.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retry budgets: every Resilience4j retry instance gets one, per instance name. Retries may add at most
 * {@code percent} % of the calls of the last {@code window}, plus {@code min-retries-per-second}; a retry the budget
 * denies does not happen and the call fails at once with its last failure.
 */
@ConfigurationProperties("steadfast.resilience.retry-budget")
public class RetryBudgetProperties {

    /** Whether every retry instance is limited by a retry budget. */
    private boolean enabled = true;

    /** Retries allowed as a percentage of the calls of the last window (20 lets 1 retry per 5 calls). */
    private double percent = 20;

    /** How long a call's deposit and a retry's withdrawal count against the budget. */
    private Duration window = Duration.ofSeconds(10);

    /** Retries per second allowed whatever the traffic, so that a quiet caller can still retry. */
    private int minRetriesPerSecond = 10;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public double getPercent() {
        return percent;
    }

    public void setPercent(double percent) {
        this.percent = percent;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public int getMinRetriesPerSecond() {
        return minRetriesPerSecond;
    }

    public void setMinRetriesPerSecond(int minRetriesPerSecond) {
        this.minRetriesPerSecond = minRetriesPerSecond;
    }
}
