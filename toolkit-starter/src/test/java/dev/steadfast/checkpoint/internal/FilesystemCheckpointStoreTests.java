package dev.steadfast.checkpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.checkpoint.CheckpointStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

class FilesystemCheckpointStoreTests extends CheckpointStoreContract {

    @TempDir
    Path root;

    private FilesystemCheckpointStore store;

    @BeforeEach
    void createStore() {
        store = new FilesystemCheckpointStore(root, RETAIN);
    }

    @Override
    CheckpointStore store() {
        return store;
    }

    @Override
    void corrupt(String name, long sequence) throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(name))) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(String.format("cp-%019d-", sequence)))
                    .findFirst()
                    .orElseThrow();
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.seek(raw.length() / 2);
                int b = raw.read();
                raw.seek(raw.length() / 2);
                raw.write(b ^ 0xFF);
            }
        }
    }

    @Test
    void aCrashBetweenTempFileAndRenameLeavesThePreviousCheckpointIntact(TestInfo test) throws Exception {
        String name = name(test);
        byte[] previous = envelope(name, 1, 1, "previous");
        store.commit(name, 1, 1, previous);
        // What a crash after writing (part of) the temp file and before the rename leaves behind.
        byte[] next = envelope(name, 2, 1, "next");
        Files.write(
                root.resolve(name).resolve(String.format(".cp-%019d-1.ckpt.tmp", 2)),
                java.util.Arrays.copyOf(next, 10));

        FilesystemCheckpointStore restarted = new FilesystemCheckpointStore(root, RETAIN);

        assertThat(restarted.sequences(name)).containsExactly(1L);
        assertThat(restarted.read(name, 1))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(previous));
        restarted.commit(name, 2, 1, next);
        assertThat(restarted.sequences(name)).containsExactly(2L, 1L);
        try (Stream<Path> files = Files.list(root.resolve(name))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void keepsQuarantinedFilesForInspection(TestInfo test) throws Exception {
        String name = name(test);
        store.commit(name, 1, 1, envelope(name, 1, 1, "x"));

        store.quarantine(name, 1);

        assertThat(root.resolve(name).resolve(String.format("cp-%019d-1.ckpt.corrupt", 1)))
                .exists();
    }
}
