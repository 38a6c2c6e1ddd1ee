package dev.steadfast.checkpoint.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointUpgrader;
import dev.steadfast.checkpoint.Checkpointed;
import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.InvalidCheckpointConfigurationException;
import dev.steadfast.checkpoint.actuate.CheckpointsEndpoint;
import dev.steadfast.checkpoint.health.CheckpointHealthIndicator;
import dev.steadfast.checkpoint.internal.DefaultCheckpointManager;
import dev.steadfast.checkpoint.internal.FilesystemCheckpointStore;
import dev.steadfast.checkpoint.internal.JdbcCheckpointStore;
import dev.steadfast.checkpoint.internal.RestorePolicy;
import dev.steadfast.checkpoint.internal.ZookeeperCheckpointStore;
import dev.steadfast.checkpoint.metrics.CheckpointMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CheckpointAutoConfigurationTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        CheckpointAutoConfiguration.class,
                        CheckpointHealthAutoConfiguration.class,
                        CheckpointEndpointAutoConfiguration.class,
                        CheckpointMetricsAutoConfiguration.class))
                .withPropertyValues("steadfast.checkpoint.filesystem.directory=" + directory);
    }

    @Test
    void usesTheFilesystemStoreWithoutZookeeper() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(CheckpointManager.class);
            assertThat(context).getBean(CheckpointStore.class).isInstanceOf(FilesystemCheckpointStore.class);
        });
    }

    @Test
    void usesTheZookeeperStoreWhenAZookeeperClientExists() {
        runner().withBean(
                        CuratorFramework.class,
                        () -> CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(10)))
                .run(context -> assertThat(context)
                        .getBean(CheckpointStore.class)
                        .isInstanceOf(ZookeeperCheckpointStore.class));
    }

    @Test
    void usesTheFilesystemStoreWhenChosenEvenWithZookeeper() {
        runner().withPropertyValues("steadfast.checkpoint.store=filesystem")
                .withBean(
                        CuratorFramework.class,
                        () -> CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(10)))
                .run(context -> assertThat(context)
                        .getBean(CheckpointStore.class)
                        .isInstanceOf(FilesystemCheckpointStore.class));
    }

    @Test
    void usesTheJdbcStoreAndCreatesItsTables() {
        runner().withPropertyValues("steadfast.checkpoint.store=jdbc")
                .withBean(
                        JdbcTemplate.class,
                        () -> new JdbcTemplate(
                                new DriverManagerDataSource("jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1", "sa", "")))
                .run(context -> {
                    assertThat(context).getBean(CheckpointStore.class).isInstanceOf(JdbcCheckpointStore.class);
                    assertThat(context.getBean(JdbcTemplate.class)
                                    .queryForObject("SELECT COUNT(*) FROM steadfast_checkpoint", Integer.class))
                            .isZero();
                });
    }

    @Test
    void failsWithAnAnalysisWhenTheZookeeperStoreHasNoClient() {
        runner().withPropertyValues("steadfast.checkpoint.store=zookeeper").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("steadfast.checkpoint.store=zookeeper");
            assertThat(analysis.getAction()).contains("steadfast.zookeeper.connect-string");
        });
    }

    @Test
    void failsWithAnAnalysisWhenRetentionIsBelowOne() {
        runner().withPropertyValues("steadfast.checkpoint.retain=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getDescription()).contains("steadfast.checkpoint.retain=0");
        });
    }

    @Test
    void failsWithAnAnalysisWhenRestoreAttemptsAreBelowOne() {
        runner().withPropertyValues("steadfast.checkpoint.restore.max-attempts=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("steadfast.checkpoint.restore.max-attempts=0");
                    assertThat(analysis.getAction()).contains("1 or more");
                });
    }

    @Test
    void failsWithAnAnalysisWhenTheRestoreBackoffExceedsItsMaximum() {
        runner().withPropertyValues(
                        "steadfast.checkpoint.restore.backoff=1m", "steadfast.checkpoint.restore.max-backoff=10s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(analyze(context.getStartupFailure()).getDescription())
                            .contains("steadfast.checkpoint.restore.max-backoff=PT10S");
                });
    }

    @Test
    void passesTheRestorePolicyToTheManager() {
        runner().run(context -> assertThat(
                        context.getBean(DefaultCheckpointManager.class).restorePolicy())
                .isEqualTo(RestorePolicy.DEFAULT));
        runner().withPropertyValues(
                        "steadfast.checkpoint.restore.max-attempts=5",
                        "steadfast.checkpoint.restore.retry-interval=500ms",
                        "steadfast.checkpoint.restore.backoff=10s",
                        "steadfast.checkpoint.restore.max-backoff=5m")
                .run(context -> assertThat(
                                context.getBean(DefaultCheckpointManager.class).restorePolicy())
                        .isEqualTo(new RestorePolicy(
                                5, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(5))));
    }

    @Test
    void failsWithAnAnalysisWhenTheZookeeperLimitExceedsJuteMaxbuffer() {
        runner().withPropertyValues("steadfast.checkpoint.zookeeper.max-size=2MB")
                .withBean(
                        CuratorFramework.class,
                        () -> CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(10)))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(analyze(context.getStartupFailure()).getAction()).contains("blob-directory");
                });
    }

    @Test
    void failsWithAnAnalysisForAStateBeanWithoutCheckpointed() {
        runner().withBean(Unnamed.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getAction()).contains("@Checkpointed");
        });
    }

    @Test
    void failsWithAnAnalysisForTwoBeansWithTheSameName() {
        runner().withBean("first", Counter.class)
                .withBean("second", Counter.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(analyze(context.getStartupFailure()).getDescription())
                            .contains("used by beans 'first' and 'second'");
                });
    }

    @Test
    void backsOffWhenDisabled() {
        runner().withPropertyValues("steadfast.checkpoint.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CheckpointManager.class));
        runner().withPropertyValues("steadfast.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CheckpointManager.class));
    }

    @Test
    void backsOffForTheApplicationsOwnStore() {
        runner().withBean("myStore", CheckpointStore.class, () -> new FilesystemCheckpointStore(directory, 1))
                .run(context ->
                        assertThat(context).getBean(CheckpointStore.class).isSameAs(context.getBean("myStore")));
    }

    @Test
    void restoresAtStartAndSavesAtShutdownWithoutLeaderElection() {
        runner().withBean(Counter.class).run(context -> context.getBean(Counter.class).value = 7);

        runner().withBean(Counter.class).run(context -> {
            assertThat(context.getBean(Counter.class).value).isEqualTo(7);
            assertThat(context.getBean(CheckpointManager.class).latest("counter"))
                    .hasValueSatisfying(latest -> assertThat(latest.sequence()).isEqualTo(1));
        });
    }

    @Test
    void runsTheSchemaUpgradersOnAnOlderSnapshot() {
        runner().withBean(Counter.class).run(context -> context.getBean(Counter.class).value = 5);

        runner().withBean(CounterV3.class)
                .withBean("v1", CheckpointUpgrader.class, () -> upgrader(1, node -> node))
                .withBean(
                        "v2",
                        CheckpointUpgrader.class,
                        () -> upgrader(2, node -> {
                            ObjectNode upgraded = ((ObjectNode) node).put("unit", "items");
                            upgraded.put("count", node.get("value").asInt() * 10);
                            return upgraded.without("value");
                        }))
                .run(context -> assertThat(context.getBean(CounterV3.class).restored)
                        .containsExactly(new CounterV3.State(50, "items")));
    }

    @Test
    void failsToRestoreASnapshotWithoutAnUpgraderForItsVersion() {
        runner().withBean(Counter.class).run(context -> context.getBean(Counter.class).value = 5);

        runner().withBean(CounterV3.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("needs a CheckpointUpgrader bean from schema version 1 to 2");
        });
    }

    @Test
    void reportsCheckpointsInHealthEndpointAndMetricsWhenExposed() {
        runner().withBean(Counter.class)
                .withPropertyValues("management.endpoints.web.exposure.include=checkpoints")
                .run(context -> {
                    context.getBean(CheckpointManager.class).save("counter");
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean(CheckpointMetrics.class).bindTo(registry);
                    context.getBean(CheckpointManager.class).save("counter");

                    assertThat(context.getBean(CheckpointHealthIndicator.class)
                                    .health(true)
                                    .getStatus())
                            .isEqualTo(Status.UP);
                    assertThat(context.getBean(CheckpointsEndpoint.class)
                                    .checkpoints()
                                    .get("counter"))
                            .satisfies(descriptor -> {
                                assertThat(descriptor.sequence()).isEqualTo(2);
                                assertThat(descriptor.store()).isEqualTo("filesystem");
                                assertThat(descriptor.retained()).containsExactly(2L, 1L);
                            });
                    assertThat(registry.get("steadfast.checkpoint.save").timer().count())
                            .isEqualTo(1);
                    assertThat(registry.get("steadfast.checkpoint.size").gauge().value())
                            .isPositive();
                });
    }

    @Test
    void addsNoCheckpointsHealthWithoutACheckpointedBean() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(CheckpointManager.class);
            assertThat(context).doesNotHaveBean(CheckpointHealthIndicator.class);
        });
    }

    @Test
    void addsCheckpointsHealthForACheckpointedBean() {
        runner().withBean(Counter.class)
                .run(context -> assertThat(context).hasSingleBean(CheckpointHealthIndicator.class));
    }

    @Test
    void keepsTheEndpointOffUnlessExposed() {
        runner().run(context -> assertThat(context).doesNotHaveBean(CheckpointsEndpoint.class));
    }

    private static CheckpointUpgrader upgrader(int from, java.util.function.UnaryOperator<JsonNode> step) {
        return new CheckpointUpgrader() {
            @Override
            public String checkpoint() {
                return "counter";
            }

            @Override
            public int fromVersion() {
                return from;
            }

            @Override
            public JsonNode upgrade(JsonNode state) {
                return step.apply(state);
            }
        };
    }

    private static FailureAnalysis analyze(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidCheckpointConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isNotNull();
        return new CheckpointConfigurationFailureAnalyzer().analyze(failure);
    }

    @Checkpointed(name = "counter")
    static class Counter implements CheckpointedState<Counter.State> {

        record State(int value) {}

        volatile int value;

        @Override
        public State snapshot() {
            return new State(value);
        }

        @Override
        public void restore(State state) {
            value = state.value();
        }
    }

    @Checkpointed(name = "counter", schemaVersion = 3)
    static class CounterV3 implements CheckpointedState<CounterV3.State> {

        record State(int count, String unit) {}

        final List<State> restored = new ArrayList<>();

        @Override
        public State snapshot() {
            return new State(0, "items");
        }

        @Override
        public void restore(State state) {
            restored.add(state);
        }
    }

    static class Unnamed implements CheckpointedState<String> {

        @Override
        public String snapshot() {
            return "";
        }

        @Override
        public void restore(String state) {}
    }
}
