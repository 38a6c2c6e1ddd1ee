package dev.steadfast.checkpoint.autoconfigure;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointUpgrader;
import dev.steadfast.checkpoint.InvalidCheckpointConfigurationException;
import dev.steadfast.checkpoint.internal.CheckpointRegistrations;
import dev.steadfast.checkpoint.internal.DefaultCheckpointManager;
import dev.steadfast.checkpoint.internal.RestorePolicy;
import dev.steadfast.leader.LeaderElections;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Auto-configures checkpointed state: a {@link CheckpointStore} and the {@link CheckpointManager} that restores
 * and saves every {@code CheckpointedState} bean, tied to leader election when a {@link LeaderElections} bean
 * exists.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.checkpoint.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CheckpointProperties.class)
@Import({
    CheckpointStoreConfigurations.Jdbc.class,
    CheckpointStoreConfigurations.Default.class,
    CheckpointStoreConfigurations.Guard.class
})
public final class CheckpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CheckpointManager.class)
    DefaultCheckpointManager checkpointManager(
            CheckpointStore store,
            CheckpointProperties properties,
            ObjectProvider<JsonMapper> mapper,
            ObjectProvider<CheckpointUpgrader> upgraders,
            ObjectProvider<LeaderElections> elections,
            ListableBeanFactory beans,
            Environment environment) {
        validate(properties);
        JsonMapper safeMapper = mapper.getIfAvailable(JsonMapper::new)
                .rebuild()
                .deactivateDefaultTyping()
                // Refuses class names in JSON even where a state type asks for them with @JsonTypeInfo.
                .polymorphicTypeValidator(
                        BasicPolymorphicTypeValidator.builder().build())
                .build();
        return new DefaultCheckpointManager(
                store,
                safeMapper,
                () -> CheckpointRegistrations.find(beans, safeMapper, properties.getInterval()),
                upgraders.orderedStream().toList(),
                elections.getIfAvailable(),
                writerId(properties, environment),
                Clock.systemUTC(),
                restorePolicy(properties.getRestore()));
    }

    static void validate(CheckpointProperties properties) {
        if (properties.getRetain() < 1) {
            throw new InvalidCheckpointConfigurationException(
                    "steadfast.checkpoint.retain=" + properties.getRetain(),
                    "at least one checkpoint must be retained",
                    "Set steadfast.checkpoint.retain to 1 or more (default 3).");
        }
        if (properties.getInterval().isNegative() || properties.getInterval().isZero()) {
            throw new InvalidCheckpointConfigurationException(
                    "steadfast.checkpoint.interval=" + properties.getInterval(),
                    "the interval must be positive",
                    "Set steadfast.checkpoint.interval to a positive duration such as 30s.");
        }
        CheckpointProperties.Restore restore = properties.getRestore();
        if (restore.getMaxAttempts() < 1) {
            throw new InvalidCheckpointConfigurationException(
                    "steadfast.checkpoint.restore.max-attempts=" + restore.getMaxAttempts(),
                    "a leader must try to restore at least once before it yields",
                    "Set steadfast.checkpoint.restore.max-attempts to 1 or more (default 3).");
        }
        requirePositive("retry-interval", restore.getRetryInterval(), "2s");
        requirePositive("backoff", restore.getBackoff(), "5s");
        requirePositive("max-backoff", restore.getMaxBackoff(), "2m");
        if (restore.getMaxBackoff().compareTo(restore.getBackoff()) < 0) {
            throw new InvalidCheckpointConfigurationException(
                    "steadfast.checkpoint.restore.max-backoff=" + restore.getMaxBackoff(),
                    "it is shorter than steadfast.checkpoint.restore.backoff=" + restore.getBackoff(),
                    "Set steadfast.checkpoint.restore.max-backoff to at least the backoff (default 2m).");
        }
    }

    private static void requirePositive(String property, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidCheckpointConfigurationException(
                    "steadfast.checkpoint.restore." + property + "=" + value,
                    "the duration must be positive",
                    "Set steadfast.checkpoint.restore." + property + " to a positive duration such as " + example
                            + ".");
        }
    }

    private static RestorePolicy restorePolicy(CheckpointProperties.Restore restore) {
        return new RestorePolicy(
                restore.getMaxAttempts(), restore.getRetryInterval(), restore.getBackoff(), restore.getMaxBackoff());
    }

    private static String writerId(CheckpointProperties properties, Environment environment) {
        if (properties.getWriterId() != null && !properties.getWriterId().isBlank()) {
            return properties.getWriterId();
        }
        String participant = environment.getProperty("steadfast.leader.participant-id");
        if (participant != null && !participant.isBlank()) {
            return participant;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException ex) {
            host = "unknown-host";
        }
        return environment.getProperty("spring.application.name", "application") + "-" + host + "-"
                + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
