package dev.steadfast.checkpoint;

import tools.jackson.databind.JsonNode;

/**
 * Upgrades the JSON of one checkpoint's state by one schema version. Declare one bean per step; before a snapshot
 * written with schema version {@code n} is restored into a bean annotated with a higher
 * {@link Checkpointed#schemaVersion()}, the upgraders from {@code n}, {@code n + 1}, ... run in turn.
 *
 * <p>Called on the thread that restores, before {@link CheckpointedState#restore(Object)}.
 */
public interface CheckpointUpgrader {

    /** The name of the checkpoint this upgrader applies to. */
    String checkpoint();

    /** The schema version this upgrader reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /** Returns the state in the next schema version; may modify and return {@code state}. */
    JsonNode upgrade(JsonNode state);
}
