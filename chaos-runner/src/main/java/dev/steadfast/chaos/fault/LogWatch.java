package dev.steadfast.chaos.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Watches processes' log files for a line containing a marker, appended after the watch began: the one way to see,
 * from outside, the moment a service enters a window it announces (the payment service's test-only settlement
 * delay) or has done something (a successor's settlement batch).
 */
final class LogWatch {

    private static final long POLL_MILLIS = 20;

    private final List<Tail> tails;

    private LogWatch(List<Path> logFiles) {
        this.tails = logFiles.stream().map(Tail::new).toList();
    }

    /** Starts watching the lines appended to these files from now on. */
    static LogWatch from(List<Path> logFiles) {
        return new LogWatch(logFiles);
    }

    /**
     * Waits until a line containing {@code marker} is appended to {@code logFile} after this call began.
     *
     * @return whether it appeared within {@code timeout}
     */
    static boolean awaitAppended(Path logFile, String marker, Duration timeout) {
        return from(List.of(logFile)).await(marker, timeout);
    }

    /**
     * Waits until a line containing {@code marker} has been appended to any of the files since the watch began.
     *
     * @return whether it appeared within {@code timeout}
     */
    boolean await(String marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Tail tail : tails) {
                if (tail.readContains(marker)) {
                    return true;
                }
            }
            try {
                // Polling a file: there is nothing to wait on but its growth.
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** One file, read from where the watch began. */
    private static final class Tail {

        private final Path file;
        private final StringBuilder pending = new StringBuilder();
        private long offset;

        Tail(Path file) {
            this.file = file;
            this.offset = size(file);
        }

        /** Reads what was appended since the last read; whether a line seen so far contains the marker. */
        boolean readContains(String marker) {
            try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
                long length = reader.length();
                if (length <= offset) {
                    return false;
                }
                byte[] chunk = new byte[(int) Math.min(length - offset, 1 << 20)];
                reader.seek(offset);
                reader.readFully(chunk);
                offset += chunk.length;
                pending.append(new String(chunk, StandardCharsets.UTF_8));
                if (pending.indexOf(marker) >= 0) {
                    return true;
                }
                // Keep only the unfinished last line: a marker is never split across more than that.
                int newline = pending.lastIndexOf("\n");
                if (newline >= 0) {
                    pending.delete(0, newline + 1);
                }
            } catch (IOException ex) {
                // Not written yet, or rotated away: look again at the next poll.
            }
            return false;
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException ex) {
                return 0;
            }
        }
    }
}
