package dev.steadfast.checkpoint.autoconfigure;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.health.CheckpointHealthIndicator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code checkpoints} health contributor, only when the application has a
 * {@link CheckpointedState} bean: with nothing checkpointed there is nothing to report, and a contributor would
 * only add noise to the health endpoint (and to any group that includes everything).
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({CheckpointManager.class, CheckpointedState.class})
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.checkpoint.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("checkpoints")
public final class CheckpointHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "checkpointsHealthIndicator")
    CheckpointHealthIndicator checkpointsHealthIndicator(CheckpointManager manager, CheckpointProperties properties) {
        return new CheckpointHealthIndicator(
                manager,
                Clock.systemUTC(),
                properties.getHealth().getStaleAfterIntervals(),
                properties.getHealth().isDownWhenStale());
    }
}
