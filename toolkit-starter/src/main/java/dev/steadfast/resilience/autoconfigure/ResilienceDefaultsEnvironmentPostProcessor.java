package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.ResilienceConfigurationException;
import dev.steadfast.resilience.SelfProtectionPredicate;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Adds Steadfast's Resilience4j defaults as the environment's lowest-precedence property source, and refuses
 * to start when the Boot 3 module of Resilience4j is on the classpath.
 *
 * <p>Defaults go in as {@code resilience4j.*.configs.default.*} properties rather than {@code *ConfigCustomizer}
 * beans: Resilience4j applies customizers after properties (a customizer would override what the application
 * configured) and only to the instance it names, while {@code configs.default} is what the registries hand to
 * every instance name nobody configured, and what every configured instance inherits key by key. List-valued
 * defaults are avoided for the same reason: an application's list would replace ours, so our defaults are
 * predicates, which Resilience4j ORs with the application's lists; an application's own predicate replaces ours,
 * and a warning at start-up names each property that does so.
 */
final class ResilienceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Log logger;

    ResilienceDefaultsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.logger = logFactory.getLog(ResilienceDefaultsEnvironmentPostProcessor.class);
    }

    static final String PROPERTY_SOURCE_NAME = "steadfastResilienceDefaults";

    // A class only the Boot 3 module has; looked up as a resource so the check never loads it.
    static final String BOOT3_MODULE_MARKER =
            "io/github/resilience4j/springboot3/circuitbreaker/autoconfigure/CircuitBreakerAutoConfiguration.class";

    private static final String RESILIENCE4J_REGISTRY = "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("steadfast.enabled", Boolean.class).orElse(true)) {
            return;
        }
        ResilienceProperties properties =
                binder.bind("steadfast.resilience", ResilienceProperties.class).orElseGet(ResilienceProperties::new);
        ClassLoader classLoader = application.getClassLoader();
        if (!properties.isEnabled() || !ClassUtils.isPresent(RESILIENCE4J_REGISTRY, classLoader)) {
            return;
        }
        if (classLoader.getResource(BOOT3_MODULE_MARKER) != null) {
            throw new ResilienceConfigurationException(
                    null,
                    null,
                    "io.github.resilience4j:resilience4j-spring-boot3 is on the classpath next to "
                            + "resilience4j-spring-boot4; both register the same beans and aspects, so every "
                            + "annotated call would be decorated twice or start-up fails on duplicate beans.",
                    "Remove the dependency on resilience4j-spring-boot3 (run './mvnw dependency:tree "
                            + "-Dincludes=io.github.resilience4j' to find what brings it, and exclude it there); "
                            + "the Steadfast starter already brings resilience4j-spring-boot4.");
        }
        Map<String, Object> defaults = ResilienceDefaults.of(properties, binder);
        for (String instance : ReplacedDefaults.instancesWithIgnoreLists(environment)) {
            defaults.put(
                    "resilience4j.circuitbreaker.instances." + instance + ".ignore-exception-predicate",
                    SelfProtectionPredicate.class.getName());
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
        for (String replaced : ReplacedDefaults.find(environment, PROPERTY_SOURCE_NAME)) {
            logger.warn(replaced);
        }
    }

    @Override
    public int getOrder() {
        // After the config data post-processor, so that application.yml's steadfast.* values are visible.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
