package dev.steadfast.resilience.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hedged requests ({@code @Hedge}). The keys here are the defaults of every hedge instance; {@code instances.<name>.*}
 * overrides them key by key for the {@code @Hedge} methods of that name.
 */
@ConfigurationProperties("steadfast.resilience.hedge")
public class HedgeProperties {

    /** Whether {@code @Hedge} methods are hedged. */
    private boolean enabled = true;

    /**
     * How long a first attempt may take before a hedge starts, for annotations that state no delay; with a delay
     * percentile, the delay used until enough samples exist.
     */
    private Duration delay = Duration.ofMillis(100);

    /**
     * Percentile (above 0, below 100) of the instance's recent attempt latencies to use as the delay, for example 95;
     * none for the fixed delay.
     */
    private Double delayPercentile;

    /** Floor of a delay taken from a percentile. */
    private Duration minDelay = Duration.ofMillis(5);

    /** Ceiling of a delay taken from a percentile. */
    private Duration maxDelay = Duration.ofSeconds(1);

    /** Attempt latencies the window must hold before the percentile replaces the fixed delay. */
    private int minSamples = 100;

    /** How long an attempt's latency counts towards the percentile (whole seconds). */
    private Duration window = Duration.ofSeconds(30);

    /**
     * Most extra attempts that hedges may add, in percent (above 0, at most 100) of the hedged calls of the last 10 s,
     * plus one hedge per second; a hedge beyond it does not start. Unset: 100 minus the delay percentile (5 for the
     * p95), or no limit but the retry budget's for a fixed delay.
     */
    private Double maxExtraLoad;

    /** Settings of single hedge instances, by the name given in {@code @Hedge}, overriding the keys above. */
    private Map<String, Instance> instances = new LinkedHashMap<>();

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

    public Double getDelayPercentile() {
        return delayPercentile;
    }

    public void setDelayPercentile(Double delayPercentile) {
        this.delayPercentile = delayPercentile;
    }

    public Duration getMinDelay() {
        return minDelay;
    }

    public void setMinDelay(Duration minDelay) {
        this.minDelay = minDelay;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public int getMinSamples() {
        return minSamples;
    }

    public void setMinSamples(int minSamples) {
        this.minSamples = minSamples;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public Double getMaxExtraLoad() {
        return maxExtraLoad;
    }

    public void setMaxExtraLoad(Double maxExtraLoad) {
        this.maxExtraLoad = maxExtraLoad;
    }

    public Map<String, Instance> getInstances() {
        return instances;
    }

    public void setInstances(Map<String, Instance> instances) {
        this.instances = instances;
    }

    /** One hedge instance's settings; a key left unset takes the default above. */
    public static class Instance {

        /**
         * How long a first attempt may take before a hedge starts; overrides the annotation's delay. With a delay
         * percentile, the delay used until enough samples exist.
         */
        private Duration delay;

        /** Percentile (above 0, below 100) of this instance's recent attempt latencies to use as the delay. */
        private Double delayPercentile;

        /** Floor of a delay taken from a percentile. */
        private Duration minDelay;

        /** Ceiling of a delay taken from a percentile. */
        private Duration maxDelay;

        /** Attempt latencies the window must hold before the percentile replaces the fixed delay. */
        private Integer minSamples;

        /** How long an attempt's latency counts towards the percentile (whole seconds). */
        private Duration window;

        /**
         * Most extra attempts that this instance's hedges may add, in percent (above 0, at most 100) of its hedged
         * calls of the last 10 s, plus one hedge per second. Unset: the default's, else 100 minus this instance's
         * delay percentile, else none.
         */
        private Double maxExtraLoad;

        public Duration getDelay() {
            return delay;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        public Double getDelayPercentile() {
            return delayPercentile;
        }

        public void setDelayPercentile(Double delayPercentile) {
            this.delayPercentile = delayPercentile;
        }

        public Duration getMinDelay() {
            return minDelay;
        }

        public void setMinDelay(Duration minDelay) {
            this.minDelay = minDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public Integer getMinSamples() {
            return minSamples;
        }

        public void setMinSamples(Integer minSamples) {
            this.minSamples = minSamples;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Double getMaxExtraLoad() {
            return maxExtraLoad;
        }

        public void setMaxExtraLoad(Double maxExtraLoad) {
            this.maxExtraLoad = maxExtraLoad;
        }
    }
}
