package dev.steadfast.limit.autoconfigure;

import dev.steadfast.limit.LimitAlgorithm;
import dev.steadfast.limit.internal.LimitSettings;
import java.time.Duration;

/** The settings of an adaptive limit's algorithm, shared by the inbound limit and the adaptive bulkheads. */
public class LimitProperties {

    /** Algorithm that moves the limit: Gradient2 (latency against its long-term average), Vegas or AIMD. */
    private LimitAlgorithm algorithm = LimitAlgorithm.GRADIENT2;

    /** Limit before the first measurement. */
    private int initialLimit = 20;

    /** Lowest limit the algorithm may set (Gradient2 and AIMD; Vegas stops at 1). */
    private int minLimit = 5;

    /**
     * Highest limit the algorithm may set. Half of Tomcat's 200 worker threads, so that a request over the limit
     * always finds a thread to be refused on: at the server's thread count, shedding would wait in Tomcat's queue.
     */
    private int maxLimit = 100;

    /**
     * How much Gradient2 lets the measured latency grow over its long-term average before it shrinks the limit, as
     * a factor of at least 1.0.
     */
    private double rttTolerance = 1.5;

    /** Factor AIMD multiplies the limit by when a call times out or is refused downstream, in [0.5, 1.0). */
    private double backoffRatio = 0.9;

    /** Round-trip time over which AIMD counts a call as a timeout and backs off. */
    private Duration timeout = Duration.ofSeconds(5);

    public LimitAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(LimitAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public int getInitialLimit() {
        return initialLimit;
    }

    public void setInitialLimit(int initialLimit) {
        this.initialLimit = initialLimit;
    }

    public int getMinLimit() {
        return minLimit;
    }

    public void setMinLimit(int minLimit) {
        this.minLimit = minLimit;
    }

    public int getMaxLimit() {
        return maxLimit;
    }

    public void setMaxLimit(int maxLimit) {
        this.maxLimit = maxLimit;
    }

    public double getRttTolerance() {
        return rttTolerance;
    }

    public void setRttTolerance(double rttTolerance) {
        this.rttTolerance = rttTolerance;
    }

    public double getBackoffRatio() {
        return backoffRatio;
    }

    public void setBackoffRatio(double backoffRatio) {
        this.backoffRatio = backoffRatio;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    LimitSettings toSettings() {
        return new LimitSettings(algorithm, initialLimit, minLimit, maxLimit, rttTolerance, backoffRatio, timeout);
    }
}
