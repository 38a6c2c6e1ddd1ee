package dev.steadfast.checkpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CheckpointTrackerTests {

    private final CheckpointTracker tracker = new CheckpointTracker(
            new CheckpointRegistration(
                    "counter",
                    "counter",
                    "",
                    Duration.ofHours(1),
                    1,
                    new CheckpointStoreContract.Counter().erased(),
                    new JsonMapper().constructType(Integer.class)),
            "jobs",
            "filesystem");

    @Test
    void restoreForAnOlderTermNeverDemotesTheWriterOfANewerOne() {
        tracker.restored(9, 3, Optional.empty());

        tracker.restored(5, 2, Optional.empty());

        assertThat(tracker.isWriter(9)).isTrue();
        assertThat(tracker.isWriter(5)).isFalse();
        assertThat(tracker.lastSequence()).isEqualTo(3);
    }

    @Test
    void aNewerTermTakesOverWriting() {
        tracker.restored(5, 2, Optional.empty());

        tracker.restored(9, 3, Optional.empty());

        assertThat(tracker.isWriter(9)).isTrue();
    }
}
