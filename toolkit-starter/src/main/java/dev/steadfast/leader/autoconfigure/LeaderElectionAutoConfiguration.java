package dev.steadfast.leader.autoconfigure;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.internal.LeaderOnlyAdvisor;
import dev.steadfast.leader.internal.LeaderOnlyInterceptor;
import dev.steadfast.leader.internal.ZooKeeperLeaderElections;
import dev.steadfast.zookeeper.autoconfigure.ZooKeeperAutoConfiguration;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Leader election on the application's ZooKeeper client: the {@link LeaderElections} of the default election
 * (named after {@code spring.application.name}) and of {@code steadfast.leader.elections.*}, the default
 * {@link LeaderElection}, and {@code @LeaderOnly}.
 */
@AutoConfiguration(
        after = ZooKeeperAutoConfiguration.class,
        afterName = "org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration")
@ConditionalOnClass({CuratorFramework.class, LeaderLatch.class})
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.leader.enabled", matchIfMissing = true)
@ConditionalOnBean(CuratorFramework.class)
@EnableConfigurationProperties(LeaderElectionProperties.class)
public final class LeaderElectionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LeaderElections.class)
    ZooKeeperLeaderElections leaderElections(
            LeaderElectionProperties properties,
            Environment environment,
            CuratorFramework client,
            ApplicationEventPublisher publisher) {
        String application = environment.getProperty("spring.application.name");
        String defaultName =
                StringUtils.hasText(properties.getDefaultElection()) ? properties.getDefaultElection() : application;
        if (!StringUtils.hasText(defaultName)) {
            throw new InvalidSteadfastPropertyException(
                    "spring.application.name",
                    "leader election needs a name for the default election and none is set",
                    "Set spring.application.name (or steadfast.leader.default-election), or turn leader election"
                            + " off with steadfast.leader.enabled=false.");
        }
        Duration lease = properties.getLeaseDuration();
        if (lease != null && (lease.isNegative() || lease.isZero())) {
            throw new InvalidSteadfastPropertyException(
                    "steadfast.leader.lease-duration",
                    "must be positive, was " + lease,
                    "Remove steadfast.leader.lease-duration (two thirds of the session timeout) or make it positive.");
        }
        List<String> names = new ArrayList<>();
        names.add(defaultName);
        properties.getElections().forEach((name, election) -> {
            if (election.isEnabled() && !names.contains(name)) {
                names.add(name);
            }
        });
        String participantId = StringUtils.hasText(properties.getParticipantId())
                ? properties.getParticipantId()
                : defaultParticipantId(application != null ? application : defaultName);
        return new ZooKeeperLeaderElections(
                names,
                participantId,
                properties.getRootPath(),
                client,
                lease,
                properties.getTestOnly().isActOnLapsedLease(),
                publisher);
    }

    @Bean
    @ConditionalOnMissingBean(LeaderElection.class)
    LeaderElection leaderElection(LeaderElections elections) {
        return elections.getDefault();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static LeaderOnlyAdvisor leaderOnlyAdvisor(ObjectProvider<LeaderElections> elections) {
        return new LeaderOnlyAdvisor(new LeaderOnlyInterceptor(elections));
    }

    private static String defaultParticipantId(String application) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception ex) {
            host = "unknown-host";
        }
        return application + "-" + host + "-"
                + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
