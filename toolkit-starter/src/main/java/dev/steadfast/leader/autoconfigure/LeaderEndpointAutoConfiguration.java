package dev.steadfast.leader.autoconfigure;

import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.actuate.LeaderEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code leader} actuator endpoint, when actuator is on the classpath and the endpoint is exposed. Its yield
 * operation stays off unless {@code management.endpoint.leader.access=unrestricted}.
 */
@AutoConfiguration(after = LeaderElectionAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.leader.enabled", matchIfMissing = true)
@ConditionalOnBean(LeaderElections.class)
public final class LeaderEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    LeaderEndpoint leaderEndpoint(LeaderElections elections) {
        return new LeaderEndpoint(elections);
    }
}
