package dev.steadfast.leader.autoconfigure;

import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.actuate.LeaderEndpoint;
import dev.steadfast.leader.actuate.LeaderHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The {@code leader} health contributor and actuator endpoint, when actuator is on the classpath. */
@AutoConfiguration(after = LeaderElectionAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.leader.enabled", matchIfMissing = true)
@ConditionalOnBean(LeaderElections.class)
@Import({
    LeaderActuatorAutoConfiguration.HealthConfiguration.class,
    LeaderActuatorAutoConfiguration.EndpointConfiguration.class
})
public final class LeaderActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("leader")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "leaderHealthIndicator")
        LeaderHealthIndicator leaderHealthIndicator(LeaderElections elections) {
            return new LeaderHealthIndicator(elections);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(LeaderEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LeaderEndpoint leaderEndpoint(LeaderElections elections) {
            return new LeaderEndpoint(elections);
        }
    }
}
