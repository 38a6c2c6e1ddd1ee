package dev.steadfast.loadbalancer.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of instance-aware load balancing for {@code @LoadBalanced} clients. */
@ConfigurationProperties("steadfast.loadbalancer")
public class LoadBalancerProperties {

    /** Whether instance-aware load balancing is on when Spring Cloud LoadBalancer is on the classpath. */
    private boolean enabled = true;

    /**
     * Whether a retry of a logical call (Resilience4j's {@code @Retry}), or a hedge of a {@code @Hedge} call, prefers
     * an instance the call has not tried.
     */
    private boolean retryElsewhere = true;

    /**
     * Services this application cannot serve without: their instance lists are watched from start-up, and the
     * {@code loadBalancer} health contributor (for the readiness group) is out of service until each has an instance
     * that is not ejected.
     */
    private List<String> requiredServices = new ArrayList<>();

    /**
     * Whether Spring Cloud Zookeeper's auto-registration waits for the application to report
     * {@code ACCEPTING_TRAFFIC} (after its warm-up) instead of registering when the web server starts, and takes the
     * instance out of discovery when readiness goes to {@code REFUSING_TRAFFIC}.
     */
    private boolean registerWhenReady = true;

    /** Passive health checking of instances by the outcomes of real calls. */
    private final Outlier outlier = new Outlier();

    /** The instance list of services registered in ZooKeeper. */
    private final Discovery discovery = new Discovery();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRetryElsewhere() {
        return retryElsewhere;
    }

    public void setRetryElsewhere(boolean retryElsewhere) {
        this.retryElsewhere = retryElsewhere;
    }

    public List<String> getRequiredServices() {
        return requiredServices;
    }

    public void setRequiredServices(List<String> requiredServices) {
        this.requiredServices = requiredServices;
    }

    public boolean isRegisterWhenReady() {
        return registerWhenReady;
    }

    public void setRegisterWhenReady(boolean registerWhenReady) {
        this.registerWhenReady = registerWhenReady;
    }

    public Outlier getOutlier() {
        return outlier;
    }

    public Discovery getDiscovery() {
        return discovery;
    }

    /** Outlier ejection settings, after Envoy's outlier detection. */
    public static class Outlier {

        /** Whether failing instances are ejected from load balancing. */
        private boolean enabled = true;

        /** Failures in a row (I/O error, timeout, 5xx) that eject an instance. */
        private int consecutiveFailures = 3;

        /** Failure rate in percent over the window that ejects an instance. */
        private float failureRateThreshold = 50;

        /** Calls an instance must have had in the window before its failure rate counts. */
        private int minimumCalls = 10;

        /** Length of the sliding window of the failure rate (whole seconds). */
        private Duration window = Duration.ofSeconds(10);

        /** How long a first ejection lasts; the n-th ejection in a row lasts n times as long. */
        private Duration baseEjectionTime = Duration.ofSeconds(5);

        /** The longest ejection; also how long an instance must stay healthy before earlier ejections are forgiven. */
        private Duration maxEjectionTime = Duration.ofSeconds(60);

        /**
         * The largest share of a service's instances ejected at once, in percent (of two instances, one), so that a
         * service-wide outage still reaches the caller's circuit breaker.
         */
        private int maxEjectedPercent = 50;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getConsecutiveFailures() {
            return consecutiveFailures;
        }

        public void setConsecutiveFailures(int consecutiveFailures) {
            this.consecutiveFailures = consecutiveFailures;
        }

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getMinimumCalls() {
            return minimumCalls;
        }

        public void setMinimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getBaseEjectionTime() {
            return baseEjectionTime;
        }

        public void setBaseEjectionTime(Duration baseEjectionTime) {
            this.baseEjectionTime = baseEjectionTime;
        }

        public Duration getMaxEjectionTime() {
            return maxEjectionTime;
        }

        public void setMaxEjectionTime(Duration maxEjectionTime) {
            this.maxEjectionTime = maxEjectionTime;
        }

        public int getMaxEjectedPercent() {
            return maxEjectedPercent;
        }

        public void setMaxEjectedPercent(int maxEjectedPercent) {
            this.maxEjectedPercent = maxEjectedPercent;
        }
    }

    /** Settings of the watch-driven registry view. */
    public static class Discovery {

        /**
         * Whether instance lists of services registered in ZooKeeper come from a watch-driven cache that keeps the
         * last known list while ZooKeeper is unreachable, instead of a read on the request path after a TTL.
         */
        private boolean watch = true;

        /** How soon a service's watch that could not start (ZooKeeper unreachable) is tried again. */
        private Duration retryInterval = Duration.ofSeconds(1);

        public boolean isWatch() {
            return watch;
        }

        public void setWatch(boolean watch) {
            this.watch = watch;
        }

        public Duration getRetryInterval() {
            return retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }
    }
}
