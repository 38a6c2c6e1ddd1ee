package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.loadbalancer.internal.OutlierSettings;
import java.time.Duration;

/** Checks {@code steadfast.loadbalancer.outlier.*} and turns it into the detector's settings. */
final class OutlierSettingsFactory {

    private static final String PREFIX = "steadfast.loadbalancer.outlier.";

    private OutlierSettingsFactory() {}

    static OutlierSettings from(LoadBalancerProperties.Outlier outlier) {
        atLeast("consecutive-failures", outlier.getConsecutiveFailures(), 1);
        atLeast("minimum-calls", outlier.getMinimumCalls(), 1);
        if (outlier.getFailureRateThreshold() <= 0 || outlier.getFailureRateThreshold() > 100) {
            throw invalid("failure-rate-threshold", outlier.getFailureRateThreshold(), "a percentage in (0, 100]");
        }
        if (outlier.getMaxEjectedPercent() < 0 || outlier.getMaxEjectedPercent() > 100) {
            throw invalid("max-ejected-percent", outlier.getMaxEjectedPercent(), "a percentage in [0, 100]");
        }
        positive("window", outlier.getWindow());
        if (outlier.getWindow().toSeconds() < 1) {
            throw invalid("window", outlier.getWindow(), "at least one second (the window counts whole seconds)");
        }
        positive("base-ejection-time", outlier.getBaseEjectionTime());
        positive("max-ejection-time", outlier.getMaxEjectionTime());
        if (outlier.getMaxEjectionTime().compareTo(outlier.getBaseEjectionTime()) < 0) {
            throw invalid("max-ejection-time", outlier.getMaxEjectionTime(), "at least base-ejection-time");
        }
        return new OutlierSettings(
                outlier.getConsecutiveFailures(),
                outlier.getFailureRateThreshold(),
                outlier.getMinimumCalls(),
                outlier.getWindow(),
                outlier.getBaseEjectionTime(),
                outlier.getMaxEjectionTime(),
                outlier.getMaxEjectedPercent());
    }

    private static void atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw invalid(name, value, "at least " + minimum);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(name, value, "a positive duration such as 5s");
        }
    }

    private static InvalidSteadfastPropertyException invalid(String name, Object value, String expected) {
        return new InvalidSteadfastPropertyException(
                PREFIX + name, "'" + value + "' is not " + expected, "Set " + PREFIX + name + " to " + expected + ".");
    }
}
