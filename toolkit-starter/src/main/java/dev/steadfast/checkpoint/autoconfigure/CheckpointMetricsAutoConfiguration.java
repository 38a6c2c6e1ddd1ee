package dev.steadfast.checkpoint.autoconfigure;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.metrics.CheckpointMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configures Micrometer timers, counters and gauges for checkpoints; bound to every registry by Boot. */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(CheckpointManager.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.checkpoint.enabled", matchIfMissing = true)
public final class CheckpointMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CheckpointMetrics checkpointMetrics(CheckpointManager manager) {
        return new CheckpointMetrics(manager, Clock.systemUTC());
    }
}
