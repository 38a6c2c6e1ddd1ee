package dev.steadfast.leader.autoconfigure;

import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.actuate.LeaderHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code leader} health contributor, when Spring Boot's health support is on the classpath. */
@AutoConfiguration(after = LeaderElectionAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.leader.enabled", matchIfMissing = true)
@ConditionalOnBean(LeaderElections.class)
public final class LeaderHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "leaderHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("leader")
    LeaderHealthIndicator leaderHealthIndicator(LeaderElections elections) {
        return new LeaderHealthIndicator(elections);
    }
}
