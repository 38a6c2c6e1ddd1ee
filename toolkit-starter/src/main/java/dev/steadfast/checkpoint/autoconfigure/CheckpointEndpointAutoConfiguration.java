package dev.steadfast.checkpoint.autoconfigure;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.actuate.CheckpointsEndpoint;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configures the read-only {@code checkpoints} actuator endpoint. */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(CheckpointManager.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.checkpoint.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(CheckpointsEndpoint.class)
public final class CheckpointEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CheckpointsEndpoint checkpointsEndpoint(CheckpointManager manager) {
        return new CheckpointsEndpoint(manager, Clock.systemUTC());
    }
}
