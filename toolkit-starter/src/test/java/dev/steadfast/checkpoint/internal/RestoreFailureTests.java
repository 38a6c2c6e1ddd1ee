package dev.steadfast.checkpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.health.CheckpointHealthIndicator;
import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.LeadershipListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the manager does with a restore that cannot succeed on this instance: retries within the term, reports the
 * reason, yields with a sit-out that doubles per term up to its cap, and never falls back to an older checkpoint.
 * The election is a stand-in of the public API here; {@code UnrestorableCheckpointIT} runs it against ZooKeeper.
 */
class RestoreFailureTests {

    private static final RestorePolicy POLICY =
            new RestorePolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(3));

    @TempDir
    Path directory;

    private final StandInElection election = new StandInElection();

    private final List<Long> restored = new CopyOnWriteArrayList<>();

    private DefaultCheckpointManager manager;

    @BeforeEach
    void storeASnapshotOfANewerSchema() {
        FilesystemCheckpointStore store = new FilesystemCheckpointStore(directory, 3);
        store.commit("ledger", 1, 1, envelope(1, 2, 10));
        store.commit("ledger", 2, 1, envelope(2, 3, 42));
        JsonMapper mapper = new JsonMapper();
        CheckpointedState<Object> state = new CheckpointedState<>() {
            @Override
            public Object snapshot() {
                return 0L;
            }

            @Override
            public void restore(Object value) {
                restored.add((Long) value);
            }
        };
        CheckpointRegistration registration = new CheckpointRegistration(
                "ledger", "ledger", "", Duration.ofHours(1), 2, state, mapper.constructType(Long.class));
        manager = new DefaultCheckpointManager(
                store,
                mapper,
                () -> List.of(registration),
                List.of(),
                election.all(),
                "writer",
                Clock.systemUTC(),
                POLICY);
        manager.afterSingletonsInstantiated();
        manager.start();
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void leaderRetriesThenYieldsAndReportsWhyWithoutFallingBack() {
        election.lead(100);
        manager.granted("jobs", new FencingToken("jobs", 100));

        await().atMost(Duration.ofSeconds(5)).until(() -> election.sitOuts.size() == 1);
        assertThat(election.sitOuts).containsExactly(Duration.ofSeconds(1));
        assertThat(restored).as("never the older #1").isEmpty();
        assertThat(manager.isRestored("jobs")).isFalse();
        Health health = new CheckpointHealthIndicator(manager, Clock.systemUTC(), 3, false).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(details(health).get("restoreBlocked"))
                .asString()
                .contains("'ledger' #2 (schema version 3")
                .contains("this instance (schema version 2)")
                .contains("Not falling back to an older checkpoint");
        assertThat(manager.status("ledger").failures()).isEqualTo(2);
    }

    @Test
    void sitOutDoublesWithEveryTermThatCannotRestoreUpToItsCap() {
        for (long token = 100; token < 104; token++) {
            int before = election.sitOuts.size();
            election.lead(token);
            manager.granted("jobs", new FencingToken("jobs", token));
            await().atMost(Duration.ofSeconds(5)).until(() -> election.sitOuts.size() == before + 1);
        }

        assertThat(election.sitOuts)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health) {
        return (Map<String, Object>) health.getDetails().get("ledger");
    }

    private static byte[] envelope(long sequence, int schemaVersion, long value) {
        return Envelope.encode(
                "ledger",
                schemaVersion,
                sequence,
                1,
                "writer-v" + schemaVersion,
                Instant.now(),
                Long.toString(value).getBytes(StandardCharsets.UTF_8));
    }

    /** An election named {@code jobs} that leads when told to and stops leading when it yields. */
    private static final class StandInElection implements LeaderElection {

        final List<Duration> sitOuts = new CopyOnWriteArrayList<>();

        private volatile FencingToken token;

        void lead(long value) {
            token = new FencingToken("jobs", value);
        }

        LeaderElections all() {
            LeaderElection self = this;
            return new LeaderElections() {
                @Override
                public LeaderElection getDefault() {
                    return self;
                }

                @Override
                public LeaderElection get(String name) {
                    return self;
                }

                @Override
                public Collection<LeaderElection> all() {
                    return List.of(self);
                }
            };
        }

        @Override
        public String name() {
            return "jobs";
        }

        @Override
        public String participantId() {
            return "a";
        }

        @Override
        public boolean isLeader() {
            return token != null;
        }

        @Override
        public Optional<FencingToken> currentToken() {
            return Optional.ofNullable(token);
        }

        @Override
        public Optional<String> leaderId() {
            return token != null ? Optional.of("a") : Optional.empty();
        }

        @Override
        public List<String> participants() {
            return List.of("a");
        }

        @Override
        public void assertLeader(FencingToken expected) {}

        @Override
        public void yieldLeadership() {
            yieldLeadership(Duration.ZERO);
        }

        @Override
        public void yieldLeadership(Duration sitOut) {
            token = null;
            sitOuts.add(sitOut);
        }

        @Override
        public void addListener(LeadershipListener listener) {}

        @Override
        public void removeListener(LeadershipListener listener) {}
    }
}
