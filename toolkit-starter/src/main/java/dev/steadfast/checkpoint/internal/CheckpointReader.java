package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointException;
import dev.steadfast.checkpoint.CheckpointListener;
import dev.steadfast.checkpoint.CheckpointMetadata;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointUpgrader;
import dev.steadfast.checkpoint.CorruptCheckpointException;
import dev.steadfast.checkpoint.UnreadableCheckpointException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the newest checkpoint this instance can read in the store and upgrades it to the current schema version.
 * It takes no lock of its own: a restore calls it under the checkpoint's operation lock, other reads run unlocked.
 */
final class CheckpointReader {

    // The manager's logger name, which operators already set levels for: these lines were always logged under it.
    private static final Log logger = LogFactory.getLog(DefaultCheckpointManager.class);

    private final CheckpointStore store;

    private final JsonMapper mapper;

    private final List<CheckpointUpgrader> upgraders;

    private final List<CheckpointListener> listeners;

    /** @param listeners the manager's live list of listeners, told of every quarantine */
    CheckpointReader(
            CheckpointStore store,
            JsonMapper mapper,
            List<CheckpointUpgrader> upgraders,
            List<CheckpointListener> listeners) {
        this.store = store;
        this.mapper = mapper;
        this.upgraders = List.copyOf(upgraders);
        this.listeners = listeners;
    }

    /** The metadata of every stored checkpoint of {@code name} that decodes, newest first. */
    List<CheckpointMetadata> list(String name) {
        List<CheckpointMetadata> result = new ArrayList<>();
        for (long sequence : store.sequences(name)) {
            store.read(name, sequence).ifPresent(bytes -> {
                try {
                    result.add(Envelope.decode(bytes).metadata());
                } catch (CorruptCheckpointException | UnreadableCheckpointException ex) {
                    // Listed without verifying further; the writer's restore quarantines a corrupt one.
                }
            });
        }
        return result;
    }

    /**
     * Reads newest first. Only a checkpoint that fails verification is corrupt, and only the writer ({@code
     * quarantine}) moves it away and tries the previous one. One this instance cannot read (a newer format or schema
     * version, a missing upgrader, a payload that does not map to its state type, a blob file it cannot read) may be
     * readable by another version of the application, so it is left in place: a {@code restore} read stops there and
     * fails, because falling back to an older checkpoint would silently roll back what that version wrote; other
     * reads skip it.
     */
    Optional<Restorable> newestValid(CheckpointTracker tracker, boolean quarantine, boolean restore) {
        String name = tracker.name();
        for (long sequence : store.sequences(name)) {
            Optional<byte[]> bytes;
            try {
                bytes = store.read(name, sequence);
            } catch (CheckpointException ex) {
                if (restore) {
                    throw notRestorable(
                            tracker, sequence, null, "its content could not be read: " + ex.getMessage(), ex);
                }
                throw ex;
            }
            if (bytes.isEmpty()) {
                continue;
            }
            Envelope envelope = null;
            try {
                envelope = Envelope.decode(bytes.get());
                return Optional.of(new Restorable(envelope, toState(tracker.registration(), envelope)));
            } catch (UnreadableCheckpointException | JacksonException ex) {
                if (restore) {
                    throw notRestorable(tracker, sequence, envelope, ex.getMessage(), ex);
                }
                logger.warn("Checkpoint '" + name + "' #" + sequence + " is not readable by this instance and was "
                        + "skipped (left in place for instances that can read it): " + ex.getMessage());
            } catch (CorruptCheckpointException ex) {
                if (!quarantine) {
                    logger.debug("Checkpoint '" + name + "' #" + sequence + " is corrupt; skipped by a reader: "
                            + ex.getMessage());
                    continue;
                }
                store.quarantine(name, sequence);
                tracker.quarantined(ex.getMessage());
                logger.warn("Checkpoint '" + name + "' #" + sequence + " is corrupt and was quarantined; trying the "
                        + "previous one: " + ex.getMessage());
                listeners.forEach(listener -> listener.quarantined(name, sequence, ex.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static UnreadableCheckpointException notRestorable(
            CheckpointTracker tracker, long sequence, Envelope envelope, String why, Exception cause) {
        String what = envelope == null
                ? ""
                : " (schema version " + envelope.metadata().schemaVersion() + ", written by "
                        + envelope.metadata().writerId() + " with token "
                        + envelope.metadata().token() + ")";
        return new UnreadableCheckpointException(
                "Checkpoint '" + tracker.name() + "' #" + sequence + what + " cannot be restored by this instance"
                        + " (schema version " + tracker.registration().schemaVersion() + "): " + why
                        + ". Not falling back to an older checkpoint: that would roll back state another version wrote",
                cause);
    }

    private Object toState(CheckpointRegistration registration, Envelope envelope) {
        int from = envelope.metadata().schemaVersion();
        JavaType type = registration.type();
        if (from == registration.schemaVersion()) {
            return mapper.readValue(envelope.payload(), type);
        }
        if (from > registration.schemaVersion()) {
            throw new UnreadableCheckpointException("Checkpoint '" + registration.name() + "' #"
                    + envelope.metadata().sequence()
                    + " has schema version " + from + ", newer than this application's "
                    + registration.schemaVersion() + "; refusing to restore it into an older schema");
        }
        JsonNode node = mapper.readTree(envelope.payload());
        for (int version = from; version < registration.schemaVersion(); version++) {
            node = upgrader(registration.name(), version).upgrade(node);
        }
        return mapper.treeToValue(node, type);
    }

    private CheckpointUpgrader upgrader(String name, int fromVersion) {
        return upgraders.stream()
                .filter(upgrader -> upgrader.checkpoint().equals(name) && upgrader.fromVersion() == fromVersion)
                .findFirst()
                .orElseThrow(() -> new UnreadableCheckpointException("Checkpoint '" + name + "' needs a "
                        + "CheckpointUpgrader bean from schema version " + fromVersion + " to " + (fromVersion + 1)));
    }

    /** A checkpoint read and upgraded into its state type. */
    record Restorable(Envelope envelope, Object state) {}
}
