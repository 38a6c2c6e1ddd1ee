package dev.steadfast.limit.autoconfigure;

import com.netflix.concurrency.limits.Limiter;
import dev.steadfast.limit.internal.ConcurrencyLimiters;
import dev.steadfast.limit.metrics.ConcurrencyLimitMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters of every adaptive limiter, when Micrometer is on the classpath. */
@AutoConfiguration(after = ConcurrencyLimitAutoConfiguration.class)
@ConditionalOnClass({MeterBinder.class, Limiter.class})
@ConditionalOnBean(ConcurrencyLimiters.class)
public final class ConcurrencyLimitMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConcurrencyLimitMetrics steadfastConcurrencyLimitMetrics(ConcurrencyLimiters limiters) {
        return new ConcurrencyLimitMetrics(limiters);
    }
}
