package dev.steadfast.checkpoint.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.internal.CheckpointRegistration;
import dev.steadfast.checkpoint.internal.DefaultCheckpointManager;
import dev.steadfast.checkpoint.internal.FilesystemCheckpointStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

class CheckpointHealthIndicatorTests {

    private static final Instant SAVED_AT = Instant.parse("2026-11-23T04:00:00Z");

    @TempDir
    Path directory;

    private DefaultCheckpointManager manager;

    @BeforeEach
    void saveOneCheckpoint() {
        JsonMapper mapper = new JsonMapper();
        CheckpointedState<Object> state = new CheckpointedState<>() {
            @Override
            public Object snapshot() {
                return "state";
            }

            @Override
            public void restore(Object restored) {}
        };
        manager = new DefaultCheckpointManager(
                new FilesystemCheckpointStore(directory, 3),
                mapper,
                () -> List.of(new CheckpointRegistration(
                        "orders", "orders", "", Duration.ofSeconds(10), 1, state, mapper.constructType(String.class))),
                List.of(),
                null,
                "writer-1",
                Clock.fixed(SAVED_AT, ZoneOffset.UTC));
        manager.afterSingletonsInstantiated();
        manager.save("orders");
    }

    @Test
    void reportsAFreshCheckpointAsNotStale() {
        Health health = indicator(SAVED_AT.plusSeconds(25), false).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health)).containsEntry("stale", false).containsEntry("sequence", 1L);
    }

    @Test
    void reportsAStaleCheckpointButStaysUpByDefault() {
        Health health = indicator(SAVED_AT.plusSeconds(31), false).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health)).containsEntry("stale", true).containsEntry("age", "PT31S");
    }

    @Test
    void goesDownForAStaleCheckpointWhenConfigured() {
        Health health = indicator(SAVED_AT.plusSeconds(31), true).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }

    private CheckpointHealthIndicator indicator(Instant now, boolean downWhenStale) {
        return new CheckpointHealthIndicator(manager, Clock.fixed(now, ZoneOffset.UTC), 3, downWhenStale);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health) {
        return (Map<String, Object>) health.getDetails().get("orders");
    }
}
