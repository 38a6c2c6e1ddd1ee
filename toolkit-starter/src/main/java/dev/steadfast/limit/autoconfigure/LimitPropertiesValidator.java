package dev.steadfast.limit.autoconfigure;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.limit.internal.LimitSettings;

/** Start-up checks of adaptive limit properties, each failure naming the property and its fix. */
final class LimitPropertiesValidator {

    private LimitPropertiesValidator() {}

    /** Checks one limit's settings, bound under the given prefix (such as {@code steadfast.resilience.inbound}). */
    static LimitSettings validate(String prefix, LimitSettings settings) {
        if (settings.minLimit() < 1) {
            throw invalid(
                    prefix + ".min-limit", "must be at least 1, was " + settings.minLimit(), "Set it to 1 or more.");
        }
        if (settings.maxLimit() < settings.minLimit()) {
            throw invalid(
                    prefix + ".max-limit",
                    "the maximum limit " + settings.maxLimit() + " is below the minimum limit " + settings.minLimit(),
                    "Set " + prefix + ".max-limit at or above " + prefix + ".min-limit.");
        }
        if (settings.initialLimit() < settings.minLimit() || settings.initialLimit() > settings.maxLimit()) {
            throw invalid(
                    prefix + ".initial-limit",
                    "the initial limit " + settings.initialLimit() + " is outside [min-limit, max-limit] = ["
                            + settings.minLimit() + ", " + settings.maxLimit() + "]",
                    "Set " + prefix + ".initial-limit between " + prefix + ".min-limit and " + prefix + ".max-limit.");
        }
        if (!(settings.rttTolerance() >= 1.0)) {
            throw invalid(
                    prefix + ".rtt-tolerance",
                    "must be at least 1.0, was " + settings.rttTolerance(),
                    "Set it to 1.0 or more (1.5 lets latency grow by half before the limit shrinks).");
        }
        if (!(settings.backoffRatio() >= 0.5 && settings.backoffRatio() < 1.0)) {
            throw invalid(
                    prefix + ".backoff-ratio",
                    "must be in [0.5, 1.0), was " + settings.backoffRatio(),
                    "Set it to a factor such as 0.9.");
        }
        if (settings.timeout() == null
                || settings.timeout().isNegative()
                || settings.timeout().isZero()) {
            throw invalid(
                    prefix + ".timeout",
                    "must be positive, was " + settings.timeout(),
                    "Set it to a duration such as 5s.");
        }
        return settings;
    }

    static InvalidSteadfastPropertyException invalid(String property, String problem, String action) {
        return new InvalidSteadfastPropertyException(property, problem, action);
    }
}
