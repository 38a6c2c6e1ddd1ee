package dev.steadfast.limit.autoconfigure;

import dev.steadfast.limit.LimitAlgorithm;
import dev.steadfast.limit.internal.LimitSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Adaptive bulkheads: a Resilience4j semaphore bulkhead instance whose concurrent calls are limited by an adaptive
 * limit instead of {@code maxConcurrentCalls}. Every instance takes {@code adaptive.*}; an instance's own
 * {@code instances.<name>.adaptive.*} override it one property at a time.
 */
@ConfigurationProperties("steadfast.resilience.bulkhead")
public class AdaptiveBulkheadProperties {

    private final Adaptive adaptive = new Adaptive();

    /** Per bulkhead instance (the name on @Bulkhead), the adaptive settings that differ from adaptive.*. */
    private Map<String, Instance> instances = new LinkedHashMap<>();

    public Adaptive getAdaptive() {
        return adaptive;
    }

    public Map<String, Instance> getInstances() {
        return instances;
    }

    public void setInstances(Map<String, Instance> instances) {
        this.instances = instances;
    }

    /** The settings of the named instance, or empty when it is not adaptive. */
    Optional<LimitSettings> settings(String name) {
        Instance instance = instances.get(name);
        InstanceAdaptive own = instance != null ? instance.getAdaptive() : new InstanceAdaptive();
        boolean enabled = own.getEnabled() != null ? own.getEnabled() : adaptive.isEnabled();
        return enabled ? Optional.of(own.over(adaptive)) : Optional.empty();
    }

    /** The adaptive settings every bulkhead instance takes unless it sets its own. */
    public static class Adaptive extends LimitProperties {

        /**
         * Whether every semaphore bulkhead instance is adaptive: its limit follows measured latency and a call over
         * it is refused at once with BulkheadFullException (maxConcurrentCalls and maxWaitDuration no longer apply).
         */
        private boolean enabled = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** One bulkhead instance. */
    public static class Instance {

        private final InstanceAdaptive adaptive = new InstanceAdaptive();

        public InstanceAdaptive getAdaptive() {
            return adaptive;
        }
    }

    /** One instance's adaptive settings; each unset one is taken from steadfast.resilience.bulkhead.adaptive. */
    public static class InstanceAdaptive {

        /** Whether this instance is adaptive (default: steadfast.resilience.bulkhead.adaptive.enabled). */
        private Boolean enabled;

        /** Algorithm that moves this instance's limit (default: steadfast.resilience.bulkhead.adaptive.algorithm). */
        private LimitAlgorithm algorithm;

        /** Limit before the first measurement (default: steadfast.resilience.bulkhead.adaptive.initial-limit). */
        private Integer initialLimit;

        /** Lowest limit (default: steadfast.resilience.bulkhead.adaptive.min-limit). */
        private Integer minLimit;

        /** Highest limit (default: steadfast.resilience.bulkhead.adaptive.max-limit). */
        private Integer maxLimit;

        /** Gradient2's latency tolerance (default: steadfast.resilience.bulkhead.adaptive.rtt-tolerance). */
        private Double rttTolerance;

        /** AIMD's backoff factor (default: steadfast.resilience.bulkhead.adaptive.backoff-ratio). */
        private Double backoffRatio;

        /** AIMD's timeout (default: steadfast.resilience.bulkhead.adaptive.timeout). */
        private Duration timeout;

        LimitSettings over(LimitProperties defaults) {
            return new LimitSettings(
                    algorithm != null ? algorithm : defaults.getAlgorithm(),
                    initialLimit != null ? initialLimit : defaults.getInitialLimit(),
                    minLimit != null ? minLimit : defaults.getMinLimit(),
                    maxLimit != null ? maxLimit : defaults.getMaxLimit(),
                    rttTolerance != null ? rttTolerance : defaults.getRttTolerance(),
                    backoffRatio != null ? backoffRatio : defaults.getBackoffRatio(),
                    timeout != null ? timeout : defaults.getTimeout());
        }

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public LimitAlgorithm getAlgorithm() {
            return algorithm;
        }

        public void setAlgorithm(LimitAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        public Integer getInitialLimit() {
            return initialLimit;
        }

        public void setInitialLimit(Integer initialLimit) {
            this.initialLimit = initialLimit;
        }

        public Integer getMinLimit() {
            return minLimit;
        }

        public void setMinLimit(Integer minLimit) {
            this.minLimit = minLimit;
        }

        public Integer getMaxLimit() {
            return maxLimit;
        }

        public void setMaxLimit(Integer maxLimit) {
            this.maxLimit = maxLimit;
        }

        public Double getRttTolerance() {
            return rttTolerance;
        }

        public void setRttTolerance(Double rttTolerance) {
            this.rttTolerance = rttTolerance;
        }

        public Double getBackoffRatio() {
            return backoffRatio;
        }

        public void setBackoffRatio(Double backoffRatio) {
            this.backoffRatio = backoffRatio;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
