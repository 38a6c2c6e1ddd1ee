package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointMetadata;
import dev.steadfast.checkpoint.CorruptCheckpointException;
import dev.steadfast.checkpoint.UnreadableCheckpointException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The binary envelope every store holds: a fixed header, the state's JSON and a CRC32C trailer over everything
 * before it. Layout (big-endian): magic {@code STCK}, format version (short), schema version (int), sequence
 * (long), token (long), timestamp in epoch millis (long), name and writer id (short length + UTF-8 each), payload
 * length (int), payload, CRC32C (int).
 *
 * @param metadata what the header says
 * @param payload the state's JSON
 */
public record Envelope(CheckpointMetadata metadata, byte[] payload) {

    /** The current format version; readers refuse envelopes of other versions. */
    public static final int FORMAT_VERSION = 1;

    private static final int MAGIC = 0x5354434B;

    private static final int FIXED = 4 + 2 + 4 + 8 + 8 + 8 + 2 + 2 + 4 + 4;

    /** Encodes a new envelope. */
    public static byte[] encode(
            String name, int schemaVersion, long sequence, long token, String writerId, Instant at, byte[] payload) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] writerBytes = writerId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(FIXED + nameBytes.length + writerBytes.length + payload.length);
        buffer.putInt(MAGIC).putShort((short) FORMAT_VERSION).putInt(schemaVersion);
        buffer.putLong(sequence).putLong(token).putLong(at.toEpochMilli());
        buffer.putShort((short) nameBytes.length).put(nameBytes);
        buffer.putShort((short) writerBytes.length).put(writerBytes);
        buffer.putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /**
     * Verifies and decodes an envelope.
     *
     * @throws CorruptCheckpointException if the bytes are not a complete, intact envelope
     * @throws UnreadableCheckpointException if the envelope has a newer format than this instance knows
     */
    public static Envelope decode(byte[] bytes) {
        return decode(bytes, true);
    }

    /** The metadata of an envelope this instance just encoded, without computing its checksum again. */
    public static CheckpointMetadata describe(byte[] encoded) {
        return decode(encoded, false).metadata();
    }

    private static Envelope decode(byte[] bytes, boolean verify) {
        if (bytes.length < FIXED) {
            throw new CorruptCheckpointException("envelope truncated to " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt() != MAGIC) {
            throw new CorruptCheckpointException("not a checkpoint envelope (bad magic)");
        }
        int format = buffer.getShort();
        if (format > FORMAT_VERSION) {
            // Written by a newer version of the starter (a rolling deploy): intact, just not readable here.
            throw new UnreadableCheckpointException(
                    "envelope format version " + format + " is newer than this instance's " + FORMAT_VERSION);
        }
        if (format != FORMAT_VERSION) {
            throw new CorruptCheckpointException("unknown envelope format version " + format);
        }
        int expected = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        CRC32C crc = new CRC32C();
        if (verify) {
            crc.update(bytes, 0, bytes.length - 4);
        }
        if (verify && (int) crc.getValue() != expected) {
            throw new CorruptCheckpointException("CRC32C mismatch: stored " + Integer.toHexString(expected)
                    + ", computed " + Integer.toHexString((int) crc.getValue()));
        }
        try {
            int schemaVersion = buffer.getInt();
            long sequence = buffer.getLong();
            long token = buffer.getLong();
            Instant at = Instant.ofEpochMilli(buffer.getLong());
            String name = string(buffer);
            String writer = string(buffer);
            byte[] payload = new byte[buffer.getInt()];
            buffer.get(payload);
            if (buffer.remaining() != 4) {
                throw new CorruptCheckpointException("envelope length does not match its header");
            }
            return new Envelope(
                    new CheckpointMetadata(
                            name, format, schemaVersion, sequence, token, writer, at, bytes.length, expected),
                    payload);
        } catch (BufferUnderflowException | NegativeArraySizeException ex) {
            throw new CorruptCheckpointException("envelope length does not match its header");
        }
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
