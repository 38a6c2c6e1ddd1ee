package dev.steadfast.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosRunTests {

    @TempDir
    Path dir;

    @Test
    void startsFromEmptyDatabasesAndZooKeeperDataButKeepsFilesItDidNotWrite() throws IOException {
        Files.createDirectories(dir.resolve("h2"))
                .resolve("payment.mv.db")
                .toFile()
                .createNewFile();
        Files.createDirectories(dir.resolve("zk-1/version-2"));
        Files.writeString(dir.resolve("payment-1.log"), "old");
        Files.writeString(dir.resolve("summary.txt"), "CHAOS old");
        Files.writeString(dir.resolve("notes.txt"), "mine");

        ChaosRun.clearPreviousRun(dir);

        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(dir.resolve("notes.txt"));
        }
    }
}
