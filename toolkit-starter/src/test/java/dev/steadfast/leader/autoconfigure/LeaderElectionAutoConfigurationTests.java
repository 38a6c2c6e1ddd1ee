package dev.steadfast.leader.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.actuate.LeaderEndpoint;
import dev.steadfast.leader.actuate.LeaderHealthIndicator;
import dev.steadfast.leader.internal.CuratorLeaderElection;
import dev.steadfast.leader.internal.LeaderOnlyAdvisor;
import dev.steadfast.leader.internal.ZooKeeperLeaderElections;
import dev.steadfast.leader.metrics.LeaderElectionMetrics;
import dev.steadfast.zookeeper.autoconfigure.ZooKeeperAutoConfiguration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeaderElectionAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ZooKeeperAutoConfiguration.class,
                    LeaderElectionAutoConfiguration.class,
                    LeaderHealthAutoConfiguration.class,
                    LeaderEndpointAutoConfiguration.class,
                    LeaderMetricsAutoConfiguration.class))
            .withPropertyValues("spring.application.name=payments");

    private final ApplicationContextRunner withZooKeeper =
            runner.withPropertyValues("steadfast.zookeeper.connect-string=127.0.0.1:1");

    @Test
    void staysOffWithoutZooKeeper() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(LeaderElections.class);
            assertThat(context).doesNotHaveBean(LeaderOnlyAdvisor.class);
            assertThat(context).doesNotHaveBean(LeaderEndpoint.class);
            assertThat(context).doesNotHaveBean(LeaderHealthIndicator.class);
        });
    }

    @Test
    void namesTheDefaultElectionAfterTheApplicationAndAddsConfiguredOnes() {
        withZooKeeper
                .withPropertyValues(
                        "steadfast.leader.participant-id=payments-1",
                        "steadfast.leader.elections.settlement.enabled=true",
                        "steadfast.leader.elections.reports.enabled=false")
                .run(context -> {
                    LeaderElections elections = context.getBean(LeaderElections.class);
                    assertThat(elections.getDefault().name()).isEqualTo("payments");
                    assertThat(elections.all())
                            .extracting(LeaderElection::name)
                            .containsExactly("payments", "settlement");
                    assertThat(context.getBean(LeaderElection.class)).isSameAs(elections.getDefault());
                    assertThat(elections.get("settlement").participantId()).isEqualTo("payments-1");
                    assertThat(context).hasSingleBean(LeaderOnlyAdvisor.class);
                });
    }

    @Test
    void actsOnALapsedLeaseOnlyWhenTheTestOnlyPropertySaysSo() {
        withZooKeeper.run(context -> assertThat(
                        context.getBean(ZooKeeperLeaderElections.class).implementations())
                .isNotEmpty()
                .noneMatch(CuratorLeaderElection::actsOnLapsedLease));
        withZooKeeper
                .withPropertyValues(
                        "steadfast.leader.test-only.act-on-lapsed-lease=true",
                        "steadfast.leader.elections.settlement.enabled=true")
                .run(context -> assertThat(
                                context.getBean(ZooKeeperLeaderElections.class).implementations())
                        .hasSize(2)
                        .allMatch(CuratorLeaderElection::actsOnLapsedLease));
    }

    @Test
    void defaultParticipantIdIsApplicationHostAndPid() {
        withZooKeeper.run(
                context -> assertThat(context.getBean(LeaderElection.class).participantId())
                        .startsWith("payments-")
                        .endsWith("-" + ProcessHandle.current().pid()));
    }

    @Test
    void addsHealthEndpointAndMetricsWhenActuatorIsPresent() {
        withZooKeeper
                .withPropertyValues("management.endpoints.web.exposure.include=leader")
                .run(context -> {
                    assertThat(context).hasSingleBean(LeaderHealthIndicator.class);
                    assertThat(context).hasSingleBean(LeaderEndpoint.class);
                    assertThat(context).hasSingleBean(LeaderElectionMetrics.class);
                });
    }

    @Test
    void worksWithoutActuatorAndMicrometer() {
        withZooKeeper
                .withClassLoader(new FilteredClassLoader(
                        "org.springframework.boot.actuate", "org.springframework.boot.health", "io.micrometer"))
                .run(context -> {
                    assertThat(context).hasSingleBean(LeaderElections.class);
                    assertThat(context).doesNotHaveBean(LeaderEndpoint.class);
                    assertThat(context).doesNotHaveBean(LeaderElectionMetrics.class);
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsElections() {
        withZooKeeper.withUserConfiguration(OwnElections.class).run(context -> {
            assertThat(context).hasSingleBean(LeaderElections.class);
            assertThat(context.getBean(LeaderElections.class)).isInstanceOf(OwnElections.Fixed.class);
        });
    }

    @Test
    void turnsOffWithItsOwnPropertyOrTheToolkitSwitch() {
        withZooKeeper.withPropertyValues("steadfast.leader.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(LeaderElections.class));
        withZooKeeper.withPropertyValues("steadfast.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(LeaderElections.class));
    }

    @Test
    void failsWithoutAnApplicationNameNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ZooKeeperAutoConfiguration.class, LeaderElectionAutoConfiguration.class))
                .withPropertyValues("steadfast.zookeeper.connect-string=127.0.0.1:1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidSteadfastPropertyException.class)
                            .hasMessageContaining("spring.application.name");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnElections {

        @Bean
        LeaderElections ownElections() {
            return new Fixed();
        }

        @Bean
        LeaderElection ownElection() {
            return null;
        }

        static class Fixed implements LeaderElections {

            @Override
            public LeaderElection getDefault() {
                throw new UnsupportedOperationException();
            }

            @Override
            public LeaderElection get(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Collection<LeaderElection> all() {
                return List.of();
            }
        }
    }
}
