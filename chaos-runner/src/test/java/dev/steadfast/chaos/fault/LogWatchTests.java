package dev.steadfast.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatchTests {

    private static final String BATCH = FaultInjector.BATCH_WRITTEN_MARKER;
    private static final String MARKER = "Settlement batch 4 of 39 payments written under token payment-service#46";

    @TempDir
    Path directory;

    @Test
    void ignoresLinesWrittenBeforeTheWatchBegan() throws IOException {
        Path log = append(directory.resolve("payment-1.log"), MARKER);

        LogWatch watch = LogWatch.from(List.of(log));

        assertThat(watch.await(BATCH, Duration.ofMillis(100))).isFalse();
    }

    @Test
    void seesALineAppendedToAnyWatchedFileSinceTheWatchBegan() throws IOException {
        Path first = append(directory.resolve("payment-1.log"), "started");
        Path second = append(directory.resolve("payment-2.log"), "started");
        LogWatch watch = LogWatch.from(List.of(first, second));

        append(first, "LeadershipGranted");
        append(second, MARKER);

        assertThat(watch.await(BATCH, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void seesAMarkerWrittenInTwoPieces() throws IOException {
        Path log = append(directory.resolve("payment-1.log"), "started");
        LogWatch watch = LogWatch.from(List.of(log));
        Files.writeString(log, "Settlement batch 4 of 39 payments wri", StandardOpenOption.APPEND);
        assertThat(watch.await(BATCH, Duration.ofMillis(100))).isFalse();

        append(log, "tten under token payment-service#46");

        assertThat(watch.await(BATCH, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void watchesAFileThatDoesNotExistYet() throws IOException {
        Path log = directory.resolve("payment-3.log");
        LogWatch watch = LogWatch.from(List.of(log));

        append(log, MARKER);

        assertThat(watch.await(BATCH, Duration.ofSeconds(1))).isTrue();
    }

    private static Path append(Path file, String line) throws IOException {
        return Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
