package dev.steadfast.checkpoint;

import dev.steadfast.leader.LeaderOnly;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Two versions of one application during a rolling deploy: the same checkpoint, schema version 2 in the old one and
 * 3 in the new one (no upgrader back, of course), and leader-only work that reads the restored state.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SchemaSkewApplication {

    static ConfigurableApplicationContext start(
            String connectString, String participantId, int schemaVersion, String... properties) {
        return new SpringApplicationBuilder(SchemaSkewApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=ledger-service",
                        "steadfast.zookeeper.connect-string=" + connectString,
                        "steadfast.zookeeper.session-timeout=2s",
                        "steadfast.zookeeper.connection-timeout=1s",
                        "steadfast.leader.participant-id=" + participantId,
                        "steadfast.checkpoint.interval=1h",
                        "steadfast.checkpoint.restore.max-attempts=2",
                        "steadfast.checkpoint.restore.retry-interval=200ms",
                        "steadfast.checkpoint.restore.backoff=2s",
                        "steadfast.checkpoint.restore.max-backoff=4s",
                        "ledger.schema-version=" + schemaVersion,
                        "spring.main.banner-mode=off")
                .properties(properties)
                // An argument, because Steadfast's resilience defaults set this group's members otherwise.
                .run("--management.endpoint.health.group.readiness.include=readinessState,checkpoints");
    }

    @Bean
    Ledger ledger(Environment environment) {
        return environment.getRequiredProperty("ledger.schema-version", Integer.class) == 2
                ? new LedgerV2()
                : new LedgerV3();
    }

    @Bean
    SettlementJob settlementJob(Ledger ledger) {
        return new SettlementJob(ledger);
    }

    /** The snapshot of both versions; only the schema version differs. */
    record State(long total) {}

    /** The checkpointed state of either version. */
    abstract static class Ledger implements CheckpointedState<State> {

        private volatile State state = new State(0);

        long total() {
            return state.total();
        }

        @Override
        public State snapshot() {
            return state;
        }

        @Override
        public void restore(State restored) {
            state = restored;
        }
    }

    @Checkpointed(name = "ledger", schemaVersion = 2)
    static class LedgerV2 extends Ledger {}

    @Checkpointed(name = "ledger", schemaVersion = 3)
    static class LedgerV3 extends Ledger {}

    /** Leader-only work that reads the checkpointed state. */
    static class SettlementJob {

        private final Ledger ledger;

        SettlementJob(Ledger ledger) {
            this.ledger = ledger;
        }

        /** The restored total, or {@code null} where the call was skipped. */
        @LeaderOnly
        public Long settle() {
            return ledger.total();
        }
    }
}
