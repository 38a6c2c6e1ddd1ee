package dev.steadfast.limit.autoconfigure;

import com.netflix.concurrency.limits.Limiter;
import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.limit.AdaptiveBulkheads;
import dev.steadfast.limit.internal.ConcurrencyLimiters;
import dev.steadfast.limit.internal.ConfiguredAdaptiveBulkheads;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Adaptive concurrency limits over Netflix's {@code concurrency-limits}: the factory of every limiter and the
 * adaptive bulkheads that the resilience fast path consults for each {@code @Bulkhead} instance.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.enabled", matchIfMissing = true)
@ConditionalOnClass(Limiter.class)
@EnableConfigurationProperties(AdaptiveBulkheadProperties.class)
public final class ConcurrencyLimitAutoConfiguration {

    private static final String PREFIX = "steadfast.resilience.bulkhead";

    @Bean
    @ConditionalOnMissingBean
    ConcurrencyLimiters steadfastConcurrencyLimiters() {
        return new ConcurrencyLimiters();
    }

    @Bean
    @ConditionalOnMissingBean(AdaptiveBulkheads.class)
    ConfiguredAdaptiveBulkheads steadfastAdaptiveBulkheads(
            AdaptiveBulkheadProperties properties, ConcurrencyLimiters limiters, Environment environment) {
        LimitPropertiesValidator.validate(
                PREFIX + ".adaptive", properties.getAdaptive().toSettings());
        boolean anyAdaptive = properties.getAdaptive().isEnabled();
        for (Map.Entry<String, AdaptiveBulkheadProperties.Instance> instance :
                properties.getInstances().entrySet()) {
            var settings = properties.settings(instance.getKey());
            settings.ifPresent(resolved -> LimitPropertiesValidator.validate(
                    PREFIX + ".instances." + instance.getKey() + ".adaptive", resolved));
            anyAdaptive |= settings.isPresent();
        }
        if (anyAdaptive && !environment.getProperty("steadfast.resilience.fast-path.enabled", Boolean.class, true)) {
            throw new InvalidSteadfastPropertyException(
                    "steadfast.resilience.fast-path.enabled",
                    "adaptive bulkheads are on, but only the fast path serves them: with it off, Resilience4j's own "
                            + "aspect would apply the static bulkhead instead",
                    "Remove steadfast.resilience.fast-path.enabled=false, or turn the adaptive bulkheads off.");
        }
        ConfiguredAdaptiveBulkheads bulkheads = new ConfiguredAdaptiveBulkheads(properties::settings, limiters);
        // The configured instances get their limiters (and meters) now, not on their first call.
        properties.getInstances().keySet().forEach(bulkheads::forInstance);
        return bulkheads;
    }
}
