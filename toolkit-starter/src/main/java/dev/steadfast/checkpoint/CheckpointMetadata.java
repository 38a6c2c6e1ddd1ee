package dev.steadfast.checkpoint;

import java.time.Instant;

/**
 * What the envelope of one stored checkpoint says about it; the state itself is not included.
 *
 * @param name the checkpoint's name
 * @param formatVersion the version of the envelope format
 * @param schemaVersion the version of the state's schema when it was written
 * @param sequence the checkpoint's number; strictly increasing per name
 * @param token the fencing token of the writer's leadership term, {@code 0} without leader election
 * @param writerId the id of the instance that wrote it
 * @param timestamp when it was written, by the writer's clock
 * @param size the size of the whole envelope in bytes
 * @param crc32c the CRC32C checksum stored in the envelope
 */
public record CheckpointMetadata(
        String name,
        int formatVersion,
        int schemaVersion,
        long sequence,
        long token,
        String writerId,
        Instant timestamp,
        int size,
        int crc32c) {}
