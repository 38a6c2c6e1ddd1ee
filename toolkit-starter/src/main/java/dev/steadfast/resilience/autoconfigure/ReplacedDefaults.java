package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.SelfProtectionPredicate;
import dev.steadfast.resilience.TransientFailurePredicate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Finds the application's properties that replace one of Steadfast's predicate defaults. Lists
 * ({@code ignore-exceptions}, {@code record-exceptions}, {@code retry-exceptions}) combine with the defaults in
 * Resilience4j itself; a predicate of the application's replaces ours, which start-up reports.
 */
final class ReplacedDefaults {

    private static final Map<Pattern, String> PREDICATES = Map.of(
            Pattern.compile(
                    "resilience4j\\.circuitbreaker\\.(configs|instances)\\.[^.]+\\.ignore-?exception-?predicate",
                    Pattern.CASE_INSENSITIVE),
            SelfProtectionPredicate.class.getName() + " (a breaker ignores BulkheadFullException)",
            Pattern.compile(
                    "resilience4j\\.retry\\.(configs|instances)\\.[^.]+\\.retry-?exception-?predicate",
                    Pattern.CASE_INSENSITIVE),
            TransientFailurePredicate.class.getName() + " (retry only transient failures)");

    private static final Pattern INSTANCE_IGNORE_LIST = Pattern.compile(
            "resilience4j\\.circuitbreaker\\.instances\\.([^.]+)\\.ignore-?exceptions(\\[\\d+])?",
            Pattern.CASE_INSENSITIVE);

    private ReplacedDefaults() {}

    /**
     * The circuit breaker instances whose own {@code ignore-exceptions} list would make Resilience4j drop the
     * inherited ignore predicate: Steadfast gives each of them the default predicate at instance level, so that their
     * list adds to it.
     */
    static Set<String> instancesWithIgnoreLists(ConfigurableEnvironment environment) {
        Set<String> instances = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    Matcher matcher = INSTANCE_IGNORE_LIST.matcher(name);
                    if (matcher.matches()) {
                        instances.add(matcher.group(1));
                    }
                }
            }
        }
        return instances;
    }

    /** One sentence per application property that replaces a default predicate with another one. */
    static List<String> find(ConfigurableEnvironment environment, String defaultsSourceName) {
        List<String> replaced = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.getName().equals(defaultsSourceName) || !(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String name : names.getPropertyNames()) {
                PREDICATES.forEach((pattern, ours) -> {
                    String value = String.valueOf(environment.getProperty(name));
                    if (pattern.matcher(name).matches() && !ours.startsWith(value + " ")) {
                        replaced.add(name + "=" + value + " replaces Steadfast's default " + ours
                                + "; to keep that behaviour, make the predicate also cover it (or delegate to it).");
                    }
                });
            }
        }
        return replaced.stream().distinct().toList();
    }
}
