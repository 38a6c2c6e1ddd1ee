package dev.steadfast.limit.internal;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import dev.steadfast.limit.LimitAlgorithm;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The resolved settings of one adaptive limit, validated by the auto-configuration.
 *
 * @param algorithm the algorithm that moves the limit
 * @param initialLimit the limit before the first sample
 * @param minLimit the lowest limit Gradient2 and AIMD go down to
 * @param maxLimit the highest limit
 * @param rttTolerance how much Gradient2 lets latency grow over its long-term average before it shrinks the limit
 * @param backoffRatio AIMD's factor on a drop
 * @param timeout the round-trip time over which AIMD counts a call as a drop
 */
public record LimitSettings(
        LimitAlgorithm algorithm,
        int initialLimit,
        int minLimit,
        int maxLimit,
        double rttTolerance,
        double backoffRatio,
        Duration timeout) {

    /** A new instance of the algorithm with these settings (each limiter owns its own: it keeps state). */
    Limit newLimit() {
        return switch (algorithm) {
            case GRADIENT2 ->
                Gradient2Limit.newBuilder()
                        .initialLimit(initialLimit)
                        .minLimit(minLimit)
                        .maxConcurrency(maxLimit)
                        .rttTolerance(rttTolerance)
                        .build();
            case VEGAS ->
                VegasLimit.newBuilder()
                        .initialLimit(initialLimit)
                        .maxConcurrency(maxLimit)
                        .build();
            case AIMD ->
                AIMDLimit.newBuilder()
                        .initialLimit(initialLimit)
                        .minLimit(minLimit)
                        .maxLimit(maxLimit)
                        .backoffRatio(backoffRatio)
                        .timeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                        .build();
        };
    }
}
