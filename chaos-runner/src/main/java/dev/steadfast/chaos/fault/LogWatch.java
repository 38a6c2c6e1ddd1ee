package dev.steadfast.chaos.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a line containing a marker to be appended to a process's log file: the one way to see, from outside,
 * the moment a service enters a window it announces (the payment service's test-only settlement delay).
 */
final class LogWatch {

    private static final long POLL_MILLIS = 20;

    private LogWatch() {}

    /**
     * Waits until a line containing {@code marker} is appended after this call began.
     *
     * @return whether it appeared within {@code timeout}
     */
    static boolean awaitAppended(Path logFile, String marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset = size(logFile);
        StringBuilder pending = new StringBuilder();
        while (System.nanoTime() < deadline) {
            try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
                long length = file.length();
                if (length > offset) {
                    byte[] chunk = new byte[(int) Math.min(length - offset, 1 << 20)];
                    file.seek(offset);
                    file.readFully(chunk);
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
                }
            } catch (IOException ex) {
                // Not written yet, or rotated away: look again at the next poll.
            }
            try {
                // Polling a file: there is nothing to wait on but its growth.
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
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
