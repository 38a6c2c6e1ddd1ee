package dev.steadfast.limit.autoconfigure;

import java.util.Map;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/** Start-up checks of {@code steadfast.resilience.inbound.*}, each failure naming the property and its fix. */
final class InboundPropertiesValidator {

    private InboundPropertiesValidator() {}

    static void validate(InboundLimitProperties properties) {
        String prefix = "steadfast.resilience.inbound";
        LimitPropertiesValidator.validate(prefix, properties.toSettings());
        if (properties.getStatus() != 503 && properties.getStatus() != 429) {
            throw LimitPropertiesValidator.invalid(
                    prefix + ".status",
                    "must be 503 or 429, was " + properties.getStatus(),
                    "Set it to 503 (the service is overloaded; the default) or 429.");
        }
        if (properties.getRetryAfter() == null || properties.getRetryAfter().isNegative()) {
            throw LimitPropertiesValidator.invalid(
                    prefix + ".retry-after",
                    "must not be negative, was " + properties.getRetryAfter(),
                    "Set it to a duration such as 1s.");
        }
        properties.getExcludedPaths().forEach(path -> checkPattern(prefix + ".excluded-paths", path));
        Map<String, InboundLimitProperties.Partition> priorities = properties.getPriorities();
        if (priorities.isEmpty()) {
            return;
        }
        double sum = 0;
        for (Map.Entry<String, InboundLimitProperties.Partition> priority : priorities.entrySet()) {
            String property = prefix + ".priorities." + priority.getKey();
            double share = priority.getValue().getShare();
            if (!(share >= 0.0 && share <= 1.0)) {
                throw LimitPropertiesValidator.invalid(
                        property + ".share", "must be in [0, 1], was " + share, "Set it to a fraction such as 0.8.");
            }
            sum += share;
            priority.getValue().getPaths().forEach(path -> checkPattern(property + ".paths", path));
        }
        if (sum > 1.0 + 1e-9) {
            throw LimitPropertiesValidator.invalid(
                    prefix + ".priorities",
                    "the shares add up to " + sum + ", more than 1",
                    "Lower the shares of " + prefix + ".priorities.*.share so that they add up to 1 or less.");
        }
        if (!priorities.containsKey(properties.getDefaultPriority())) {
            throw LimitPropertiesValidator.invalid(
                    prefix + ".default-priority",
                    "'" + properties.getDefaultPriority() + "' is not one of the priorities " + priorities.keySet(),
                    "Set " + prefix + ".default-priority to one of them, or add " + prefix + ".priorities."
                            + properties.getDefaultPriority() + ".share.");
        }
    }

    private static void checkPattern(String property, String pattern) {
        try {
            PathPatternParser.defaultInstance.parse(PathPatternParser.defaultInstance.initFullPathPattern(pattern));
        } catch (PatternParseException ex) {
            throw LimitPropertiesValidator.invalid(
                    property,
                    "'" + pattern + "' is not a path pattern: " + ex.getMessage(),
                    "Use a pattern as for @RequestMapping, such as /payments/**.");
        }
    }
}
