package dev.steadfast.leader.autoconfigure;

import dev.steadfast.leader.internal.ZooKeeperLeaderElections;
import dev.steadfast.leader.metrics.LeaderElectionMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters of the starter's elections, when Micrometer is on the classpath. */
@AutoConfiguration(after = LeaderElectionAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.leader.enabled", matchIfMissing = true)
@ConditionalOnBean(ZooKeeperLeaderElections.class)
public final class LeaderMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LeaderElectionMetrics leaderElectionMetrics(ZooKeeperLeaderElections elections) {
        return new LeaderElectionMetrics(elections);
    }
}
