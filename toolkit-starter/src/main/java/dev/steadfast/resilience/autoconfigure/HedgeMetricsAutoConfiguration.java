package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.internal.HedgeInterceptor;
import dev.steadfast.resilience.metrics.HedgeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters of hedged calls, when hedging is on and the application has a meter registry. */
@AutoConfiguration(
        after = HedgeAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({HedgeInterceptor.class, MeterRegistry.class})
public final class HedgeMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HedgeMetrics steadfastHedgeMetrics(MeterRegistry registry) {
        return new HedgeMetrics(registry);
    }
}
