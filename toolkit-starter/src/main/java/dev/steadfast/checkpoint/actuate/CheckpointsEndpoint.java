package dev.steadfast.checkpoint.actuate;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointMetadata;
import dev.steadfast.checkpoint.CheckpointStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/checkpoints}: every checkpoint with its newest retained version in the store. Read-only;
 * it reads the store on each call.
 */
@Endpoint(id = "checkpoints")
public class CheckpointsEndpoint {

    private final CheckpointManager manager;

    private final Clock clock;

    public CheckpointsEndpoint(CheckpointManager manager, Clock clock) {
        this.manager = manager;
        this.clock = clock;
    }

    /** The checkpoints by name. */
    @ReadOperation
    public Map<String, CheckpointDescriptor> checkpoints() {
        Map<String, CheckpointDescriptor> result = new LinkedHashMap<>();
        for (String name : manager.names()) {
            CheckpointStatus status = manager.status(name);
            List<CheckpointMetadata> retained = manager.list(name);
            CheckpointMetadata newest = retained.isEmpty() ? status.last().orElse(null) : retained.get(0);
            result.put(
                    name,
                    new CheckpointDescriptor(
                            name,
                            newest == null ? null : newest.sequence(),
                            newest == null ? null : newest.token(),
                            newest == null
                                    ? null
                                    : Duration.between(newest.timestamp(), clock.instant())
                                            .toMillis(),
                            newest == null ? null : newest.size(),
                            status.store(),
                            newest == null ? null : newest.writerId(),
                            newest == null ? null : newest.timestamp(),
                            status.writer(),
                            retained.stream().map(CheckpointMetadata::sequence).toList(),
                            status.quarantined()));
        }
        return result;
    }

    /**
     * One checkpoint as the endpoint shows it.
     *
     * @param name the checkpoint's name
     * @param sequence the newest sequence, or {@code null} if none was written
     * @param token the fencing token of its writer
     * @param ageMillis its age in milliseconds
     * @param size the envelope's size in bytes
     * @param store the store's type
     * @param writerId the instance that wrote it
     * @param timestamp when it was written
     * @param writer whether this instance writes the checkpoint now
     * @param retained the retained sequences, newest first
     * @param quarantined how many corrupt checkpoints this instance quarantined
     */
    public record CheckpointDescriptor(
            String name,
            Long sequence,
            Long token,
            Long ageMillis,
            Integer size,
            String store,
            String writerId,
            Instant timestamp,
            boolean writer,
            List<Long> retained,
            long quarantined) {}
}
