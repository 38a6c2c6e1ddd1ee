package dev.steadfast.checkpoint;

import dev.steadfast.leader.LeaderOnly;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** An application with one checkpointed bean and one leader-only job, started twice in one test. */
@SpringBootConfiguration
@EnableAutoConfiguration
class CheckpointTestApplication {

    static ConfigurableApplicationContext start(
            String connectString, String participantId, Path blobs, String... properties) {
        return new SpringApplicationBuilder(CheckpointTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=ledger-service",
                        "steadfast.zookeeper.connect-string=" + connectString,
                        "steadfast.zookeeper.session-timeout=2s",
                        "steadfast.zookeeper.connection-timeout=1s",
                        "steadfast.leader.participant-id=" + participantId,
                        "steadfast.checkpoint.zookeeper.blob-directory=" + blobs,
                        "steadfast.checkpoint.interval=1h",
                        "spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }

    @Bean
    Ledger ledger() {
        return new Ledger();
    }

    @Bean
    SettlementJob settlementJob(Ledger ledger) {
        return new SettlementJob(ledger);
    }

    /** State that must survive failover. */
    @Checkpointed(name = "ledger")
    static class Ledger implements CheckpointedState<Ledger.State> {

        record State(long total, List<String> entries) {}

        private volatile State state = new State(0, List.of());

        /** Opened by the test when a restore may finish; open unless a test closes it. */
        volatile CountDownLatch restoreGate = new CountDownLatch(0);

        final List<State> restored = new CopyOnWriteArrayList<>();

        void add(String entry, long amount) {
            State current = state;
            List<String> entries = new java.util.ArrayList<>(current.entries());
            entries.add(entry);
            state = new State(current.total() + amount, List.copyOf(entries));
        }

        long total() {
            return state.total();
        }

        @Override
        public State snapshot() {
            return state;
        }

        @Override
        public void restore(State restoredState) {
            try {
                restoreGate.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            state = restoredState;
            restored.add(restoredState);
        }
    }

    /** Leader-only work that reads the checkpointed state. */
    static class SettlementJob {

        private final Ledger ledger;

        private final List<Long> seenTotals = new CopyOnWriteArrayList<>();

        SettlementJob(Ledger ledger) {
            this.ledger = ledger;
        }

        /** The totals the job saw; a method, because the bean is a proxy whose own fields are empty. */
        public List<Long> seenTotals() {
            return seenTotals;
        }

        @LeaderOnly
        public Long settle() {
            seenTotals.add(ledger.total());
            return ledger.total();
        }
    }
}
